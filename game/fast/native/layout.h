/* Honorable Exit, native kernel: a batch's tables, laid out once before its campaigns are played.
 *
 * The program's extents are checked (check_program: every table inside the array);
 * each turn's month gets its historical cards and its deck (the conditional cards
 * whose date and turn windows admit it, in pack order: Runtime.deck), each card with its
 * condition folded for that month: the turn and the month are known (v[0], v[1]: only the
 * turn's step writes them, and v[1] = start + v[0] - 1), so the parts that read nothing
 * else are decided once. Conditions are pure and total (Python's ints do not overflow,
 * the engine's division by 0 gives 0), so a card whose condition is false in that month
 * whatever the state is never eligible then and leaves the month's deck, and an `and`
 * (`or`) whose other terms are all true (false) whatever the state is its one other term.
 */
#ifndef HE_LAYOUT_H
#define HE_LAYOUT_H

#include <stdint.h>
#include <stdlib.h>

#include "eval.h"
#include "program.h"

static int fits(int64_t plen, int64_t at, int64_t count, int64_t stride) {
    return at >= P_HEADER && count >= 0 && at <= plen && count * stride <= plen - at;
}

static int check_program(const int64_t *p, int64_t plen) {
    if (plen < P_HEADER || p[P_ABI] != HE_ABI) return 0;
    int64_t ne = p[P_NEVENTS], nc = p[P_NCHOICES], np = p[P_NPOLICIES], size = p[P_SIZE];
    return size > 3 && p[P_CARDS_MIN] >= 0 && p[P_CARDS_MAX] >= p[P_CARDS_MIN] && p[P_CARDS_MAX] <= ne + 4 &&
           p[P_E0] + ne == size && p[P_P0] + np <= size && p[P_Q0] + p[P_NQ] <= size &&
           fits(plen, p[P_CODE], p[P_CODE_LEN], 1) && fits(plen, p[P_EVENTS], ne, EV_STRIDE) &&
           fits(plen, p[P_CHOICES], nc, CH_STRIDE) && fits(plen, p[P_POLICIES], np, PO_STRIDE) &&
           fits(plen, p[P_LEVELS], p[P_NLEVELS], LV_STRIDE) && p[P_NENDINGS] > 0 &&
           fits(plen, p[P_ENDINGS], p[P_NENDINGS], EN_STRIDE) && fits(plen, p[P_WATCH], p[P_NWATCH], 2) &&
           fits(plen, p[P_BLOCKS], p[P_NBLOCKS], 1) && fits(plen, p[P_INITIAL], size, 1) &&
           fits(plen, p[P_RANKED], ne, 2) && fits(plen, p[P_PICKS], ne, 1) &&
           fits(plen, p[P_TARGETS], p[P_LENGTH] + 1, np) && p[P_LENGTH] >= 1;
}

/* A number when only the turn and the month are known: 1 and *out, or 0 when it depends on the state. */
static int known_num(const K *k, int64_t at, int64_t turn, int64_t month, int64_t *out) {
    const int64_t *c = k->code;
    if (c[at] == N_INT || (c[at] == N_SLOT && (c[at + 1] == 0 || c[at + 1] == 1))) {
        *out = c[at] == N_INT ? c[at + 1] : c[at + 1] == 0 ? turn : month;
        return 1;
    }
    if (c[at] == N_NEG && known_num(k, at + 1, turn, month, out) && *out != INT64_MIN) {
        *out = -*out;
        return 1;
    }
    return 0; /* floats and arithmetic are left to the interpreter */
}

/* A condition when only the turn and the month are known: 1 true, 0 false, -1 it depends on the state. */
static int known(const K *k, int64_t at, int64_t turn, int64_t month) {
    const int64_t *c = k->code;
    int64_t a, b;
    int r;
    switch (c[at]) {
    case C_TRUE: return 1;
    case C_FALSE: return 0;
    case C_NOT: r = known(k, at + 1, turn, month); return r < 0 ? r : !r;
    case C_CMP:
        if (!known_num(k, at + 2, turn, month, &a) || !known_num(k, k->endof[at + 2], turn, month, &b)) return -1;
        return test(c[at + 1], a < b ? -1 : a > b);
    case C_AND: case C_OR: { /* a term that decides it decides it, wherever it stands (pure terms) */
        int decides = c[at] == C_OR;
        r = !decides;
        for (int64_t i = 0, nx = at + 2; i < c[at + 1]; i++, nx = k->endof[nx]) {
            int t = known(k, nx, turn, month);
            if (t == decides) return decides;
            if (t < 0) r = -1;
        }
        return r;
    }
    default: return -1; /* flags and cards played */
    }
}

/* The condition at `at` folded for a month: -1 always true, -2 never, else the offset of what is
 * left to test (the one term left of an `and` or `or`, folded in turn; or the condition itself). */
static int64_t fold(const K *k, int64_t at, int64_t turn, int64_t month) {
    if (at < 0) return -1;
    int r = known(k, at, turn, month);
    if (r >= 0) return r ? -1 : -2;
    const int64_t *c = k->code;
    if (c[at] != C_AND && c[at] != C_OR) return at;
    int64_t left = -1;
    for (int64_t i = 0, nx = at + 2; i < c[at + 1]; i++, nx = k->endof[nx]) {
        if (known(k, nx, turn, month) >= 0) continue; /* neutral: a deciding term would have decided */
        if (left >= 0) return at;                     /* two terms left: the condition as it is */
        left = nx;
    }
    return fold(k, left, turn, month);
}

/* Each turn's month: its historical cards, and its deck (the conditional cards whose date and turn
 * windows admit the month, in pack order), laid out once per batch (Runtime.deck). */
static int lay_out_months(K *k) {
    const int64_t *p = k->p;
    int64_t length = p[P_LENGTH], ne = k->nevents, start = p[p[P_INITIAL] + 1];
    k->month_at = malloc((size_t)(length + 2) * sizeof(int64_t));
    k->month_cards = malloc((size_t)(ne + 1) * sizeof(int64_t));
    k->deck_at = malloc((size_t)(length + 2) * sizeof(int64_t));
    k->deck_cards = malloc((size_t)(length * ne + 1) * sizeof(int64_t));
    k->deck_when = malloc((size_t)(length * ne + 1) * sizeof(int64_t));
    if (!k->month_at || !k->month_cards || !k->deck_at || !k->deck_cards || !k->deck_when) return 0;
    int64_t nm = 0, nd = 0;
    k->month_at[0] = k->month_at[1] = k->deck_at[0] = k->deck_at[1] = 0;
    for (int64_t turn = 1; turn <= length; turn++) {
        int64_t month = start + turn - 1;
        for (int64_t e = 0; e < ne; e++) {
            if (EV(e, EV_MONTH) == month && nm < ne) k->month_cards[nm++] = e;
            if (EV(e, EV_CONDITIONAL) && EV(e, EV_MLO) <= month && month <= EV(e, EV_MHI) &&
                EV(e, EV_TLO) <= turn && turn <= EV(e, EV_THI)) {
                int64_t when = fold(k, EV(e, EV_WHEN), turn, month);
                if (when == -2) continue; /* never eligible this month */
                k->deck_cards[nd] = e;
                k->deck_when[nd++] = when;
            }
        }
        k->month_at[turn + 1] = nm;
        k->deck_at[turn + 1] = nd;
    }
    return 1;
}

static void release(K *k) {
    free(k->month_at); free(k->month_cards); free(k->deck_at); free(k->deck_cards); free(k->deck_when);
    free(k->endof); free(k->v); free(k->sched); free(k->due); free(k->forced); free(k->cards);
    free(k->cand); free(k->cum); free(k->opts); free(k->picks); free(k->moves);
}

#endif

/* Honorable Exit, native kernel: a batch's tables, laid out once before its campaigns are played.
 *
 * The program's extents are checked (check_program: every table inside the array);
 * each turn's month gets its historical cards and its deck (the conditional cards
 * whose date and turn windows admit it, in pack order: Runtime.deck), each card with its
 * condition folded for that month (fold.h).
 */
#ifndef HE_LAYOUT_H
#define HE_LAYOUT_H

#include <stdint.h>
#include <stdlib.h>

#include "fold.h"
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

/* Each turn's month: its historical cards, and its deck (the conditional cards whose date and turn
 * windows admit the month, in pack order), laid out once per batch (Runtime.deck). */
static int lay_out_months(K *k) {
    const int64_t *p = k->p;
    int64_t length = p[P_LENGTH], ne = k->nevents, start = p[p[P_INITIAL] + 1];
    k->month_at = malloc((size_t)(length + 2) * sizeof(int64_t));
    k->month_cards = malloc((size_t)(ne + 1) * sizeof(int64_t));
    k->deck_at = malloc((size_t)(length + 2) * sizeof(int64_t));
    k->deck = malloc((size_t)(length * ne + 1) * sizeof(Entry));
    if (!k->month_at || !k->month_cards || !k->deck_at || !k->deck) return 0;
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
                if (!entry(k, e, when, turn, month, &k->deck[nd++])) return 0;
            }
        }
        k->month_at[turn + 1] = nm;
        k->deck_at[turn + 1] = nd;
    }
    return 1;
}

static void release(K *k) {
    free(k->month_at); free(k->month_cards); free(k->deck_at); free(k->deck); free(k->lits);
    free(k->endof); free(k->v); free(k->sched); free(k->due); free(k->forced); free(k->cards);
    free(k->cand); free(k->cum); free(k->opts); free(k->picks); free(k->moves);
}

#endif

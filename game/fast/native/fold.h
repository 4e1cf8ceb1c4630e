/* Honorable Exit, native kernel: a card's condition folded for a month, as literals and a rest.
 *
 * In a month the turn and the month are known (v[0], v[1]: only the turn's step writes them,
 * and v[1] = start + v[0] - 1), so the parts of a condition that read nothing else are decided
 * once (fold). Conditions are pure and total (Python's ints do not overflow, the engine's
 * division by 0 gives 0), so a card whose condition is false in that month whatever the state
 * is never eligible then and leaves the month's deck, and an `and` (`or`) whose other terms are
 * all true (false) whatever the state is its one other term. What is left of an `and` is split
 * (entry) into its literals -- a slot against a whole number, a flag, a card played, or their
 * `not`: each a test of one slot against an interval -- tested first and in one tight loop, and
 * the rest, tested by the interpreter only when every literal holds: the same truth, since
 * the terms are pure.
 */
#ifndef HE_FOLD_H
#define HE_FOLD_H

#include <stdint.h>
#include <stdlib.h>

#include "eval.h"
#include "program.h"

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

/* A whole number written in the code (an int, or the negation of one): 1 and *out, else 0. */
static int constant(const K *k, int64_t at, int64_t *out) {
    const int64_t *c = k->code;
    if (c[at] == N_INT) {
        *out = c[at + 1];
        return 1;
    }
    if (c[at] == N_NEG && constant(k, at + 1, out) && *out != INT64_MIN) {
        *out = -*out;
        return 1;
    }
    return 0;
}

/* The condition at `at` as a literal (1, into *out), or 0: not one. */
static int literal(const K *k, int64_t at, Lit *out) {
    const int64_t *c = k->code;
    int64_t lo = INT64_MIN, hi = INT64_MAX, x, a = at + 2, b;
    int op;
    out->neg = 0;
    switch (c[at]) {
    case C_NOT:
        if (!literal(k, at + 1, out)) return 0;
        out->neg = !out->neg;
        return 1;
    case C_FLAG: out->slot = c[at + 1]; lo = hi = 0; out->neg = 1; break; /* set: not 0 */
    case C_FIRED: out->slot = c[at + 1]; lo = 0; break;                   /* played: the turn, >= 0 */
    case C_CMP:
        b = k->endof[a];
        op = (int)c[at + 1];
        if (c[a] == N_SLOT && constant(k, b, &x)) {
            out->slot = c[a + 1];
        } else if (c[b] == N_SLOT && constant(k, a, &x)) {
            out->slot = c[b + 1];
            op = op < 4 ? op ^ 2 : op; /* x < v is v > x: < <= > >= become > >= < <= */
        } else {
            return 0;
        }
        if ((op == 0 && x == INT64_MIN) || (op == 2 && x == INT64_MAX)) return 0;
        switch (op) {
        case 0: hi = x - 1; break;
        case 1: hi = x; break;
        case 2: lo = x + 1; break;
        case 3: lo = x; break;
        default: lo = hi = x; out->neg = op == 5; break; /* == and != */
        }
        break;
    default: return 0;
    }
    out->lo = (uint64_t)lo;
    out->span = (uint64_t)hi - (uint64_t)lo;
    return 1;
}

static int add_literal(K *k, const Lit *lit) {
    if (k->nlits == k->lits_cap) {
        int64_t cap = k->lits_cap ? 2 * k->lits_cap : 256;
        Lit *grown = realloc(k->lits, (size_t)cap * sizeof(Lit));
        if (!grown) return 0;
        k->lits = grown;
        k->lits_cap = cap;
    }
    k->lits[k->nlits++] = *lit;
    return 1;
}

/* A card's entry in a month's deck: its condition folded (fold: not -2), as literals and a rest. */
static int entry(K *k, int64_t card, int64_t when, int64_t turn, int64_t month, Entry *out) {
    const int64_t *c = k->code;
    Lit lit;
    *out = (Entry){card, k->nlits, 0, when};
    if (when < 0) return 1;
    if (literal(k, when, &lit)) {
        out->nlit = 1;
        out->when = -1;
        return add_literal(k, &lit);
    }
    if (c[when] != C_AND) return 1;
    int64_t rest = -1, others = 0;
    for (int64_t i = 0, nx = when + 2; i < c[when + 1]; i++, nx = k->endof[nx]) {
        if (known(k, nx, turn, month) >= 0) continue; /* true this month: fold left it for a reason */
        if (literal(k, nx, &lit)) {
            if (!add_literal(k, &lit)) return 0;
            out->nlit++;
        } else {
            rest = nx;
            others++;
        }
    }
    out->when = others == 0 ? -1 : others == 1 ? fold(k, rest, turn, month) : when;
    return 1;
}

/* Whether a deck entry's literals all hold on the state v. */
static inline int literals_hold(const K *k, const int64_t *v, const Entry *e) {
    const Lit *lit = k->lits + e->lit;
    for (int64_t i = 0; i < e->nlit; i++)
        if (((uint64_t)v[lit[i].slot] - lit[i].lo <= lit[i].span) == (lit[i].neg != 0)) return 0;
    return 1;
}

#endif

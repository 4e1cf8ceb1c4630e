/* Honorable Exit, native kernel: numbers, conditions and effects of the integer form.
 *
 * Numbers follow Python: ints are exact (here within 64 bits: past them the batch is
 * declined, HE_E_OVERFLOW), floats are IEEE doubles, an int meets a float as Python
 * compares and converts them, and the engine's division gives a float, or the int 0
 * when dividing by zero. Conditions stop where Python's `and` and `or` stop. Effects
 * run in the emitted code's order (game/fast/emit.py). The code was verified
 * (verify.h): no bound is checked here, and k->endof skips a branch in one step.
 */
#ifndef HE_EVAL_H
#define HE_EVAL_H

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "program.h"
#include "rng.h"

#define EXACT (9007199254740992LL) /* 2^53: ints up to here are exact as doubles */

static double as_double(const Num *a) { return a->isf ? a->d : (double)a->i; }

static void arith(K *k, int64_t op, const Num *a, const Num *b, Num *out) {
    out->isf = 0;
    out->i = 0;
    if (op == N_DIV) { /* a / b, or the int 0 when b is zero */
        if (b->isf ? b->d == 0.0 : b->i == 0) return;
        if (!a->isf && !b->isf && (a->i > EXACT || a->i < -EXACT || b->i > EXACT || b->i < -EXACT)) {
            fail(k, HE_E_OVERFLOW); /* Python divides big ints exactly; doubles would round twice */
            return;
        }
        out->isf = 1;
        out->d = as_double(a) / as_double(b);
        return;
    }
    if (a->isf || b->isf) {
        double x = as_double(a), y = as_double(b);
        out->isf = 1;
        out->d = op == N_ADD ? x + y : op == N_SUB ? x - y : x * y;
        return;
    }
    int64_t r = 0;
    int over = op == N_ADD ? __builtin_add_overflow(a->i, b->i, &r)
             : op == N_SUB ? __builtin_sub_overflow(a->i, b->i, &r)
                           : __builtin_mul_overflow(a->i, b->i, &r);
    if (over) fail(k, HE_E_OVERFLOW);
    out->i = r;
}

static int64_t num(K *k, int64_t at, Num *out) {
    const int64_t *c = k->code;
    int64_t op = c[at], nx;
    Num a, b;
    switch (op) {
    case N_INT: out->isf = 0; out->i = c[at + 1]; return at + 2;
    case N_FLOAT: out->isf = 1; memcpy(&out->d, &c[at + 1], sizeof(double)); return at + 2;
    case N_SLOT: out->isf = 0; out->i = k->v[c[at + 1]]; return at + 2;
    case N_NEG:
        nx = num(k, at + 1, out);
        if (out->isf) out->d = -out->d;
        else if (out->i == INT64_MIN) fail(k, HE_E_OVERFLOW);
        else out->i = -out->i;
        return nx;
    default: /* + - * / */
        nx = num(k, num(k, at + 1, &a), &b);
        arith(k, op, &a, &b, out);
        return nx;
    }
}

/* -1, 0 or 1 as the int i is below, equal to or above the float d, exactly as Python
 * compares them; 2 when d is NaN (unordered). */
static int cmp_int_float(int64_t i, double d) {
    if (isnan(d)) return 2;
    if (d >= 9223372036854775808.0) return -1;
    if (d < -9223372036854775808.0) return 1;
    double fl = floor(d);
    int64_t di = (int64_t)fl; /* exact: an integral double within the int64 range */
    if (i < di) return -1;
    if (i > di) return 1;
    return fl == d ? 0 : -1;
}

/* op (0 < 1 <= 2 > 3 >= 4 == 5 !=) on an ordering o: -1, 0, 1, or 2 for unordered. */
static int test(int64_t op, int o) {
    if (o == 2) return op == 5; /* only != holds against NaN */
    switch (op) {
    case 0: return o < 0;
    case 1: return o <= 0;
    case 2: return o > 0;
    case 3: return o >= 0;
    case 4: return o == 0;
    default: return o != 0;
    }
}

static int compare(int64_t op, const Num *a, const Num *b) {
    int o;
    if (!a->isf && !b->isf) o = a->i < b->i ? -1 : a->i > b->i;
    else if (a->isf && b->isf) o = isnan(a->d) || isnan(b->d) ? 2 : a->d < b->d ? -1 : a->d > b->d;
    else if (!a->isf) o = cmp_int_float(a->i, b->d);
    else {
        o = cmp_int_float(b->i, a->d);
        if (o != 2) o = -o;
    }
    return test(op, o);
}

static int64_t cond(K *k, int64_t at, int *out) {
    const int64_t *c = k->code;
    int64_t nx, n;
    int r;
    Num a, b;
    switch (c[at]) {
    case C_CMP: {
        const int64_t *q = c + at + 2; /* the common shapes: a slot against a number or a slot */
        if (q[0] == N_SLOT && (q[2] == N_INT || q[2] == N_SLOT)) {
            int64_t x = k->v[q[1]], y = q[2] == N_INT ? q[3] : k->v[q[3]];
            *out = test(c[at + 1], x < y ? -1 : x > y);
            return at + 6;
        }
        nx = num(k, num(k, at + 2, &a), &b);
        *out = compare(c[at + 1], &a, &b);
        return nx;
    }
    case C_AND: case C_OR: { /* left to right, stopping where Python's `and`/`or` stop */
        int is_and = c[at] == C_AND;
        n = c[at + 1];
        nx = at + 2;
        r = is_and;
        for (int64_t i = 0; i < n; i++) {
            if (r != is_and) return *out = r, k->endof[at];
            nx = cond(k, nx, &r);
        }
        *out = r;
        return nx;
    }
    case C_FLAG: *out = k->v[c[at + 1]] != 0; return at + 2;
    case C_FIRED: *out = k->v[c[at + 1]] >= 0; return at + 2;
    case C_NOT: nx = cond(k, at + 1, &r); *out = !r; return nx;
    case C_TRUE: *out = 1; return at + 1;
    default: *out = 0; return at + 1; /* C_FALSE */
    }
}

/* A condition by offset; -1 is "none": always true. */
static inline int holds(K *k, int64_t at) {
    int r = 1;
    if (at >= 0) cond(k, at, &r);
    return r;
}

static void schedule(K *k, int64_t due, int64_t which, int64_t index) {
    if (k->nsched == k->cap) { /* grow the list, this month's due items and the forced cards alike */
        int64_t cap = 2 * k->cap;
        Item *sched = realloc(k->sched, (size_t)cap * sizeof(Item));
        if (sched) k->sched = sched;
        Item *due_items = sched ? realloc(k->due, (size_t)cap * sizeof(Item)) : NULL;
        if (due_items) k->due = due_items;
        int64_t *forced = due_items ? realloc(k->forced, (size_t)(cap + k->nevents) * sizeof(int64_t)) : NULL;
        if (!forced) {
            fail(k, HE_E_MEMORY);
            return;
        }
        k->forced = forced;
        k->cap = cap;
    }
    k->sched[k->nsched++] = (Item){due, which, index};
}

static uint64_t *roll(K *k, Dice *d) {
    if (!d->live) {
        if (rng_seed(k->seed, k->seed_len, d->turn, d->stream, &d->x)) fail(k, HE_E_SEED);
        d->live = 1;
    }
    return &d->x;
}

static int64_t seq(K *k, Dice *d, int64_t at);

static int64_t effect(K *k, Dice *d, int64_t at) {
    const int64_t *c = k->code;
    int64_t *v = k->v, n = c[at + 1], nx;
    int r;
    switch (c[at]) {
    case E_CHANGE:
        for (int64_t j = 0; j < n; j++) {
            const int64_t *q = c + at + 2 + 4 * j; /* slot, delta, lo, hi */
            int64_t t;
            if (__builtin_add_overflow(v[q[0]], q[1], &t)) fail(k, HE_E_OVERFLOW);
            v[q[0]] = t > q[3] ? q[3] : t < q[2] ? q[2] : t;
        }
        return at + 2 + 4 * n;
    case E_FLAG_SET: v[n] = 1; return at + 2;
    case E_FLAG_CLEAR: v[n] = 0; return at + 2;
    case E_SET_POLICY:
        for (int64_t j = 0; j < n; j++) v[c[at + 2 + 2 * j]] = c[at + 3 + 2 * j];
        return at + 2 + 2 * n;
    case E_SCHED_EVENT: schedule(k, v[0] + n, 0, c[at + 2]); return at + 3;
    case E_SCHED_BLOCK: schedule(k, v[0] + n, 1, c[at + 2]); return at + 4 + c[at + 3];
    case E_RANDOM: {
        int64_t pick = weighted(roll(k, d), c + at + 2, n);
        nx = at + 2 + n;
        for (int64_t j = 0; j < n; j++) nx = j == pick ? seq(k, d, nx) : k->endof[nx];
        return nx;
    }
    default: /* E_IF */
        nx = cond(k, at + 1, &r);
        if (r) return k->endof[seq(k, d, nx)];
        return seq(k, d, k->endof[nx]);
    }
}

static int64_t seq(K *k, Dice *d, int64_t at) {
    int64_t nx = at + 2;
    for (int64_t i = 0; i < k->code[at + 1] && !k->err; i++) nx = effect(k, d, nx);
    return k->endof[at];
}

#endif

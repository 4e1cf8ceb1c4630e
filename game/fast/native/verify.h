/* Honorable Exit, native kernel: the program checked once, before any campaign is played.
 *
 * Every table row and every node of the code reachable from them is checked: offsets
 * inside the code, known opcodes, slots inside the part of the flat state they belong
 * to, events, blocks, choices and policy levels inside their tables, weights that
 * cannot overflow. The walk records where each node ends (k->endof), so that the
 * interpreter skips a branch not taken in one step and never checks a bound again.
 * A program that fails here is declined (HE_E_PROGRAM): the caller plays in Python.
 */
#ifndef HE_VERIFY_H
#define HE_VERIFY_H

#include "program.h"

#define MAX_DEPTH 2048
#define MAX_WEIGHT (1LL << 40)

static int in_code(const K *k, int64_t at, int64_t n) { return at >= 0 && n >= 0 && n <= k->code_len - at; }
static int in_range(int64_t x, int64_t lo, int64_t hi) { return lo <= x && x < hi; }
#define CHECK(ok)          \
    do {                   \
        if (!(ok)) return -1; \
    } while (0)

static int64_t v_num(K *k, int64_t at, int depth) {
    CHECK(depth < MAX_DEPTH && in_code(k, at, 1));
    const int64_t *c = k->code;
    int64_t nx;
    switch (c[at]) {
    case N_INT: case N_FLOAT: CHECK(in_code(k, at, 2)); nx = at + 2; break;
    case N_SLOT: CHECK(in_code(k, at, 2) && in_range(c[at + 1], 0, k->size)); nx = at + 2; break;
    case N_NEG: nx = v_num(k, at + 1, depth + 1); break;
    case N_ADD: case N_SUB: case N_MUL: case N_DIV:
        nx = v_num(k, at + 1, depth + 1);
        CHECK(nx >= 0);
        nx = v_num(k, nx, depth + 1);
        break;
    default: return -1;
    }
    CHECK(nx >= 0);
    return k->endof[at] = nx;
}

static int64_t v_cond(K *k, int64_t at, int depth) {
    CHECK(depth < MAX_DEPTH && in_code(k, at, 1));
    const int64_t *c = k->code, *p = k->p;
    int64_t nx = at + 2;
    switch (c[at]) {
    case C_TRUE: case C_FALSE: nx = at + 1; break;
    case C_AND: case C_OR:
        CHECK(in_code(k, at, 2) && c[at + 1] >= 1);
        for (int64_t i = 0; i < c[at + 1] && nx >= 0; i++) nx = v_cond(k, nx, depth + 1);
        break;
    case C_NOT: nx = v_cond(k, at + 1, depth + 1); break;
    case C_CMP:
        CHECK(in_code(k, at, 2) && in_range(c[at + 1], 0, 6));
        nx = v_num(k, at + 2, depth + 1);
        if (nx >= 0) nx = v_num(k, nx, depth + 1);
        break;
    case C_FLAG: CHECK(in_code(k, at, 2) && in_range(c[at + 1], p[P_F0], p[P_E0])); break;
    case C_FIRED: CHECK(in_code(k, at, 2) && in_range(c[at + 1], p[P_E0], k->size)); break;
    default: return -1;
    }
    CHECK(nx >= 0);
    return k->endof[at] = nx;
}

static int64_t v_seq(K *k, int64_t at, int depth);

/* A policy slot and a level it can take. */
static int level_ok(const K *k, int64_t slot, int64_t level) {
    int64_t i = slot - k->p0;
    return in_range(i, 0, k->npolicies) && in_range(level, 0, k->policies[i * PO_STRIDE + PO_COUNT]);
}

static int64_t v_effect(K *k, int64_t at, int depth) {
    CHECK(depth < MAX_DEPTH && in_code(k, at, 2));
    const int64_t *c = k->code, *p = k->p;
    int64_t n = c[at + 1], nx, sum = 0;
    switch (c[at]) {
    case E_CHANGE:
        CHECK(n >= 0 && n <= k->code_len && in_code(k, at, 2 + 4 * n));
        for (int64_t j = 0; j < n; j++) {
            const int64_t *q = c + at + 2 + 4 * j;
            CHECK(in_range(q[0], p[P_Q0], p[P_T0]) && q[2] <= q[3]);
            CHECK(q[1] > -MAX_WEIGHT && q[1] < MAX_WEIGHT && q[2] > -MAX_WEIGHT && q[3] < MAX_WEIGHT);
        }
        return at + 2 + 4 * n;
    case E_FLAG_SET: case E_FLAG_CLEAR: CHECK(in_range(n, p[P_F0], p[P_E0])); return at + 2;
    case E_SET_POLICY:
        CHECK(n >= 0 && n <= k->code_len && in_code(k, at, 2 + 2 * n));
        for (int64_t j = 0; j < n; j++) CHECK(level_ok(k, c[at + 2 + 2 * j], c[at + 3 + 2 * j]));
        return at + 2 + 2 * n;
    case E_SCHED_EVENT:
        CHECK(in_code(k, at, 3) && in_range(n, 0, MAX_WEIGHT) && in_range(c[at + 2], 0, k->nevents));
        return at + 3;
    case E_SCHED_BLOCK:
        CHECK(in_code(k, at, 4) && in_range(n, 0, MAX_WEIGHT) && in_range(c[at + 2], 0, p[P_NBLOCKS]));
        CHECK(c[at + 3] >= 0 && in_code(k, at + 4, c[at + 3]));
        CHECK(v_seq(k, at + 4, depth + 1) == at + 4 + c[at + 3]);
        return at + 4 + c[at + 3];
    case E_RANDOM:
        CHECK(n >= 1 && n <= k->code_len && in_code(k, at, 2 + n));
        for (int64_t j = 0; j < n; j++) {
            CHECK(in_range(c[at + 2 + j], 0, MAX_WEIGHT));
            sum += c[at + 2 + j];
        }
        CHECK(sum < MAX_WEIGHT);
        nx = at + 2 + n;
        for (int64_t j = 0; j < n && nx >= 0; j++) nx = v_seq(k, nx, depth + 1);
        return nx;
    case E_IF:
        nx = v_cond(k, at + 1, depth + 1);
        if (nx >= 0) nx = v_seq(k, nx, depth + 1);
        if (nx >= 0) nx = v_seq(k, nx, depth + 1);
        return nx;
    default: return -1;
    }
}

static int64_t v_seq(K *k, int64_t at, int depth) {
    CHECK(depth < MAX_DEPTH && in_code(k, at, 2) && k->code[at] == E_SEQ && k->code[at + 1] >= 0);
    int64_t nx = at + 2;
    for (int64_t i = 0; i < k->code[at + 1] && nx >= 0; i++) nx = v_effect(k, nx, depth + 1);
    CHECK(nx >= 0);
    return k->endof[at] = nx;
}

static int cond_root(K *k, int64_t at) { return at == -1 || (at >= 0 && v_cond(k, at, 0) >= 0); }
static int seq_root(K *k, int64_t at) { return v_seq(k, at, 0) >= 0; }

static int verify_tables(K *k) {
    const int64_t *p = k->p;
    int64_t weights = 0;
    for (int64_t e = 0; e < k->nevents; e++) {
        const int64_t *row = k->events + e * EV_STRIDE;
        weights += row[EV_WEIGHT];
        if (!cond_root(k, row[EV_WHEN]) || !in_range(row[EV_WEIGHT], 0, MAX_WEIGHT) || weights >= MAX_WEIGHT ||
            row[EV_COOLDOWN] < 0 || row[EV_COUNT] < 0 || !in_range(row[EV_FIRST], 0, k->nchoices) ||
            row[EV_COUNT] > k->nchoices - row[EV_FIRST])
            return 0;
    }
    for (int64_t c = 0; c < k->nchoices; c++) {
        const int64_t *row = k->choices + c * CH_STRIDE;
        if (!in_range(row[CH_EVENT], 0, k->nevents) || !cond_root(k, row[CH_WHEN]) || !seq_root(k, row[CH_FX]))
            return 0;
    }
    for (int64_t i = 0; i < k->npolicies; i++) {
        const int64_t *row = k->policies + i * PO_STRIDE;
        if (row[PO_COUNT] < 1 || !in_range(row[PO_FIRST], 0, p[P_NLEVELS]) ||
            row[PO_COUNT] > p[P_NLEVELS] - row[PO_FIRST] || row[PO_STEP] < -1)
            return 0;
    }
    for (int64_t l = 0; l < p[P_NLEVELS]; l++) {
        const int64_t *row = k->levels + l * LV_STRIDE;
        if (!in_range(row[LV_POLICY], 0, k->npolicies) || !cond_root(k, row[LV_WHEN]) || !seq_root(k, row[LV_FX]))
            return 0;
    }
    for (int64_t i = 0; i < p[P_NENDINGS]; i++)
        if (!cond_root(k, p[p[P_ENDINGS] + i * EN_STRIDE + EN_WHEN])) return 0;
    for (int64_t i = 0; i < p[P_NWATCH]; i++)
        if (!cond_root(k, p[p[P_WATCH] + 2 * i + 1])) return 0;
    for (int64_t b = 0; b < p[P_NBLOCKS]; b++)
        if (!seq_root(k, p[p[P_BLOCKS] + b])) return 0;
    const int64_t *initial = p + p[P_INITIAL];
    for (int64_t i = 0; i < k->npolicies; i++)
        if (!level_ok(k, k->p0 + i, initial[k->p0 + i])) return 0;
    return initial[0] == 1;
}

/* The bot's tables: its kind, each card's ranked choices and fixed pick (that card's own
 * choices), and each turn's target level per policy (-1: none). */
static int verify_bot(K *k, int64_t plen) {
    const int64_t *p = k->p, *ranked = p + p[P_RANKED], *picks = p + p[P_PICKS], *targets = p + p[P_TARGETS];
    if (!in_range(p[P_BOT], BOT_RANDOM, BOT_FOLLOWER + 1)) return 0;
    for (int64_t e = 0; e < k->nevents; e++) {
        int64_t first = k->events[e * EV_STRIDE + EV_FIRST], count = k->events[e * EV_STRIDE + EV_COUNT];
        int64_t at = ranked[2 * e], n = ranked[2 * e + 1];
        if (n < 0 || at < P_HEADER || at > plen || n > plen - at) return 0;
        for (int64_t i = 0; i < n; i++)
            if (!in_range(p[at + i], first, first + count)) return 0;
        if (picks[e] != -1 && !in_range(picks[e], first, first + count)) return 0;
    }
    for (int64_t t = 0; t <= p[P_LENGTH]; t++)
        for (int64_t i = 0; i < k->npolicies; i++) {
            int64_t target = targets[t * k->npolicies + i];
            if (target != -1 && !level_ok(k, k->p0 + i, target)) return 0;
        }
    return 1;
}

#undef CHECK
#endif

/* Honorable Exit: the native simulator kernel.
 *
 * It interprets the pack's integer form (game/fast/ir.py) -- one build serves
 * every pack and mod -- and plays whole campaigns, causal log off, exactly as
 * game/fast/flat.py and game/fast/bots.py do (themselves ports of
 * game/engine/turn.py and game/sim): the same draws, the same dice, the same
 * order of effects. The Python side (game/fast/native/program.py) lays the
 * form, the scenario and the bot's tables out as one array of int64
 * (the "program", program.h), laid out for the batch (layout.h) and checked
 * once (verify.h) before it runs (eval.h).
 *
 * Whatever Python would do differently -- an integer past 64 bits, a division
 * not exactly rounded, a card with no open choice, memory -- stops the batch
 * with an error code, and the caller plays it in Python instead: the kernel
 * never answers differently from the reference engine, it only declines.
 *
 * The dice are game/engine/rng.py: a 64-bit LCG keyed by the first 8 bytes
 * (little-endian) of BLAKE2b-64 of "{seed}:{turn}:{stream}" (RFC 7693).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "eval.h"
#include "fold.h"
#include "layout.h"
#include "program.h"
#include "rng.h"
#include "verify.h"

/* ---- a month (game/fast/flat.py: Campaign) ----------------------------- */

static int on_desk(const K *k, int64_t ev) {
    for (int64_t i = 0; i < k->ncards; i++)
        if (k->cards[i] == ev) return 1;
    return 0;
}

/* bisect.bisect_right: the first index whose cumulative weight is above x (branch-free steps). */
static int64_t bisect_right(const int64_t *cum, int64_t n, int64_t x) {
    const int64_t *base = cum;
    while (n > 1) {
        int64_t half = n / 2;
        base = base[half - 1] <= x ? base + half : base;
        n -= half;
    }
    return (base - cum) + (*base <= x);
}

/* The month's deck in one test (turn._draw, rules 3): every card of the deck is tested once, in
 * deck order (not used up, not cooling down, not on the desk, its condition holds); then one roll
 * per card drawn, a weighted pick among the eligible left (below their total weight, bisect_right
 * over their cumulative weights in deck order), until `target` cards or none is left. A card of
 * weight 0 is never picked (as game/fast/flat.py; a valid pack has none). The month's deck
 * leaves out the cards whose condition is false all month, and holds each condition folded
 * for the month, as literals and a rest (fold.h): the same cards are eligible. */
static void draw(K *k, uint64_t *state, int64_t target) {
    int64_t *v = k->v, turn = v[0], e0 = k->e0;
    const Entry *deck = k->deck + k->deck_at[turn];
    int64_t n = k->deck_at[turn + 1] - k->deck_at[turn], m = 0, total = 0;
    int64_t *cand = k->cand, *cum = k->cum;
    for (int64_t i = 0; i < n && !k->err; i++) {
        int64_t ev = deck[i].card, last = v[e0 + ev], weight = EV(ev, EV_WEIGHT);
        if (weight > 0 && (last < 0 || (!EV(ev, EV_ONCE) && turn - last > EV(ev, EV_COOLDOWN))) &&
            literals_hold(k, v, &deck[i]) && !on_desk(k, ev) && holds(k, deck[i].when)) {
            total += weight;
            cand[m] = ev;
            cum[m++] = total;
        }
    }
    while (m && k->ncards < target && !k->err) {
        int64_t j = bisect_right(cum, m, below(state, cum[m - 1]));
        int64_t ev = cand[j], weight = EV(ev, EV_WEIGHT);
        k->cards[k->ncards++] = ev;
        for (int64_t i = j + 1; i < m; i++) { /* out of the eligible list */
            cand[i - 1] = cand[i];
            cum[i - 1] = cum[i] - weight;
        }
        m--;
    }
}

/* Consequences due, the month's historical cards, then the draw (turn.begin_turn). */
static void begin_turn(K *k) {
    int64_t *v = k->v, turn = v[0], e0 = k->e0, nforced = 0, ndue = 0, keep = 0;
    const int64_t *p = k->p;
    for (int64_t i = 0; i < k->nsched; i++) {
        if (k->sched[i].due <= turn) k->due[ndue++] = k->sched[i];
        else k->sched[keep++] = k->sched[i];
    }
    k->nsched = keep;
    Dice later = {0, S_CONSEQUENCES, turn, 0};
    for (int64_t i = 0; i < ndue && !k->err; i++) {
        int64_t index = k->due[i].index;
        if (k->due[i].which == 0) {
            if (!(EV(index, EV_ONCE) && v[e0 + index] >= 0) && holds(k, EV(index, EV_WHEN)))
                k->forced[nforced++] = index;
        } else {
            seq(k, &later, p[p[P_BLOCKS] + index]);
        }
    }
    for (int64_t i = k->month_at[turn]; i < k->month_at[turn + 1]; i++) {
        int64_t e = k->month_cards[i];
        if (v[e0 + e] < 0 && holds(k, EV(e, EV_WHEN))) k->forced[nforced++] = e;
    }
    k->ncards = 0;
    int64_t most = p[P_CARDS_MAX], least = p[P_CARDS_MIN];
    int64_t unique = 0;
    for (int64_t i = 0; i < nforced; i++) { /* in order, each once */
        int64_t ev = k->forced[i], seen = 0;
        for (int64_t j = 0; j < unique && !seen; j++) seen = k->forced[j] == ev;
        if (!seen) k->forced[unique++] = ev;
    }
    for (int64_t i = 0; i < unique; i++) {
        if (k->ncards < most) k->cards[k->ncards++] = k->forced[i];
        else schedule(k, turn + 1, 0, k->forced[i]); /* an overfull month: the rest wait a month */
    }
    uint64_t state;
    if (rng_seed(k->seed, k->seed_len, turn, S_DRAW, &state)) fail(k, HE_E_SEED);
    int64_t target = least + below(&state, most - least + 1);
    if (k->ncards < target) draw(k, &state, target);
    for (int64_t i = 0; i < k->ncards; i++) v[e0 + k->cards[i]] = turn;
}

/* ---- the bots (game/fast/bots.py) --------------------------------------- */
/* The card's open choices (global indices, in order) into k->opts; their count. */
static int64_t open_choices(K *k, int64_t card) {
    int64_t n = 0, first = EV(card, EV_FIRST);
    for (int64_t c = first; c < first + EV(card, EV_COUNT); c++)
        if (holds(k, CH(c, CH_WHEN))) k->opts[n++] = c;
    return n;
}

static int64_t any_open(K *k, int64_t card, uint64_t *dice) {
    int64_t n = open_choices(k, card);
    if (!n) {
        fail(k, HE_E_NO_CHOICE);
        return EV(card, EV_FIRST);
    }
    return k->opts[below(dice, n)];
}

static int64_t best_open(K *k, int64_t card) {
    const int64_t *p = k->p, *ranked = p + p[P_RANKED];
    const int64_t *list = p + ranked[2 * card];
    for (int64_t i = 0; i < ranked[2 * card + 1]; i++)
        if (holds(k, CH(list[i], CH_WHEN))) return list[i];
    fail(k, HE_E_NO_CHOICE);
    return EV(card, EV_FIRST);
}

/* Whether policy i may move to a level now (turn.level_allowed is None). */
static int allowed(K *k, int64_t i, int64_t level) {
    int64_t current = k->v[k->p0 + i], step = PO(i, PO_STEP);
    if (level == current) return 1;
    if (step >= 0 && (level > current ? level - current : current - level) > step) return 0;
    return holds(k, LV(PO(i, PO_FIRST) + level, LV_WHEN));
}

static void move(K *k, int64_t i, int64_t level) {
    k->moves[2 * k->nmoves] = i;
    k->moves[2 * k->nmoves + 1] = level;
    k->nmoves++;
}

/* bots.steer: toward each policy's target level (-1: none), as far as a month allows. */
static void steer(K *k, const int64_t *targets) {
    for (int64_t i = 0; i < k->npolicies; i++) {
        int64_t level = k->v[k->p0 + i], target = targets[i];
        if (target < 0 || target == level) continue;
        int64_t most = PO(i, PO_STEP) > 0 ? PO(i, PO_STEP) : 99; /* `max_step or 99` */
        int64_t step = target - level;
        step = step > most ? most : step < -most ? -most : step;
        if (allowed(k, i, level + step)) move(k, i, level + step);
    }
}

static void plan(K *k) {
    const int64_t *p = k->p;
    int64_t turn = k->v[0], kind = p[P_BOT];
    Dice bot = {0, S_BOT, turn, 0}; /* derived on first use: the followers roll no dice */
    k->nmoves = 0;
    if (kind == BOT_RANDOM) {
        for (int64_t j = 0; j < k->ncards; j++) k->picks[j] = any_open(k, k->cards[j], roll(k, &bot));
        for (int64_t i = 0; i < k->npolicies; i++) {
            int64_t level = k->v[k->p0 + i];
            if (below(roll(k, &bot), 4) == 0) {
                int64_t step = level + (below(roll(k, &bot), 2) ? 1 : -1);
                if (0 <= step && step < PO(i, PO_COUNT) && allowed(k, i, step)) move(k, i, step);
            }
        }
        return;
    }
    const int64_t *targets = p + p[P_TARGETS] + turn * k->npolicies;
    if (kind == BOT_LINE) {
        double noise;
        memcpy(&noise, &p[P_NOISE], sizeof noise);
        for (int64_t j = 0; j < k->ncards; j++) {
            if (noise != 0.0 && random01(roll(k, &bot)) < noise)
                k->picks[j] = any_open(k, k->cards[j], roll(k, &bot));
            else
                k->picks[j] = best_open(k, k->cards[j]);
        }
    } else {
        const int64_t *picks = p + p[P_PICKS];
        for (int64_t j = 0; j < k->ncards; j++) {
            int64_t card = k->cards[j], wanted = picks[card];
            k->picks[j] = wanted >= 0 && holds(k, CH(wanted, CH_WHEN)) ? wanted : best_open(k, card);
        }
    }
    steer(k, targets);
}

/* ---- the turn (Campaign.apply, _finish, final_ending) ------------------ */
static int64_t final_ending(K *k) {
    const int64_t *p = k->p, *en = p + p[P_ENDINGS];
    int64_t n = p[P_NENDINGS];
    for (int64_t i = 0; i < n; i++) {
        const int64_t *row = en + i * EN_STRIDE;
        if (row[EN_FALLBACK] || holds(k, row[EN_WHEN])) return row[EN_ENDING];
    }
    return en[(n - 1) * EN_STRIDE + EN_ENDING];
}

static void apply(K *k) {
    int64_t *v = k->v;
    const int64_t *p = k->p;
    Dice now = {0, S_RESOLVE, v[0], 0};
    for (int64_t j = 0; j < k->ncards && !k->err; j++) seq(k, &now, CH(k->picks[j], CH_FX));
    for (int64_t m = 0; m < k->nmoves; m++) v[k->p0 + k->moves[2 * m]] = k->moves[2 * m + 1];
    for (int64_t i = 0; i < k->npolicies && !k->err; i++) {
        int64_t fx = LV(PO(i, PO_FIRST) + v[k->p0 + i], LV_FX);
        if (k->code[fx + 1]) seq(k, &now, fx);
    }
    const int64_t *watch = p + p[P_WATCH];
    k->ending = -1;
    for (int64_t i = 0; i < p[P_NWATCH]; i++)
        if (watch[2 * i + 1] >= 0 && holds(k, watch[2 * i + 1])) {
            k->ending = watch[2 * i];
            break;
        }
    if (k->ending < 0 && v[0] >= p[P_LENGTH]) k->ending = final_ending(k);
    if (k->ending < 0) {
        v[0]++;
        v[1]++;
        begin_turn(k);
    } else {
        v[2] = k->ending;
        k->ncards = 0;
    }
}

/* What one turn's decisions count toward (runner.play_games): taken, shown, closed. */
static void tally(K *k, int64_t *taken, int64_t *closed, int64_t *shown) {
    for (int64_t j = 0; j < k->ncards; j++) {
        int64_t card = k->cards[j], first = EV(card, EV_FIRST);
        taken[k->picks[j]]++;
        shown[card]++;
        for (int64_t c = first; c < first + EV(card, EV_COUNT); c++)
            if (CH(c, CH_WHEN) >= 0 && !holds(k, CH(c, CH_WHEN))) closed[c]++;
    }
}

/* ---- whole campaigns ----------------------------------------------------- */
/* One campaign per seed (seed c is seeds[ends[c-1]:ends[c]], UTF-8), causal log off.
 * per:      per campaign: ending, turns, cards played (events fired)
 * counters: taken[choices], closed[choices], shown[events], seen[events] (campaigns), then the
 *           lowest and highest final value of each quantity (added to, and min/maxed into)
 * states:   the final flat state of each campaign c with (c + phase) % every == 0, in order
 * Returns HE_OK, or an error (the caller plays the batch in Python instead). */
int he_play(const int64_t *p, int64_t plen, const uint8_t *seeds, const int64_t *ends, int64_t n,
            int64_t phase, int64_t every, int64_t *per, int64_t *counters, int64_t *states) {
    if (!check_program(p, plen) || every < 1 || phase < 0 || n < 0) return HE_E_PROGRAM;
    K k;
    memset(&k, 0, sizeof k);
    k.p = p;
    k.code = p + p[P_CODE];
    k.code_len = p[P_CODE_LEN];
    k.events = p + p[P_EVENTS];
    k.choices = p + p[P_CHOICES];
    k.policies = p + p[P_POLICIES];
    k.levels = p + p[P_LEVELS];
    k.size = p[P_SIZE];
    k.p0 = p[P_P0];
    k.e0 = p[P_E0];
    k.nevents = p[P_NEVENTS];
    k.npolicies = p[P_NPOLICIES];
    k.nchoices = p[P_NCHOICES];
    size_t ne = (size_t)k.nevents + 8, np = (size_t)k.npolicies + 1;
    k.cap = 64;
    k.endof = calloc((size_t)k.code_len + 1, sizeof(int64_t));
    k.v = malloc((size_t)k.size * sizeof(int64_t));
    k.sched = malloc((size_t)k.cap * sizeof(Item));
    k.due = malloc((size_t)k.cap * sizeof(Item));
    k.forced = malloc(((size_t)k.cap + ne) * sizeof(int64_t));
    k.cards = malloc(ne * sizeof(int64_t));
    k.cand = malloc(ne * sizeof(int64_t));
    k.cum = malloc(ne * sizeof(int64_t));
    k.opts = malloc(((size_t)p[P_NCHOICES] + 1) * sizeof(int64_t));
    k.picks = malloc(ne * sizeof(int64_t));
    k.moves = malloc(2 * np * sizeof(int64_t));
    if (!k.endof || !k.v || !k.sched || !k.due || !k.forced || !k.cards || !k.cand || !k.cum ||
        !k.opts || !k.picks || !k.moves) {
        release(&k);
        return HE_E_MEMORY;
    }
    if (!verify_tables(&k) || !verify_bot(&k, plen)) {
        release(&k);
        return HE_E_PROGRAM;
    }
    if (!lay_out_months(&k)) { /* after verify: folding reads k->endof */
        release(&k);
        return HE_E_MEMORY;
    }
    int64_t nc = p[P_NCHOICES], nq = p[P_NQ], q0 = p[P_Q0], sampled = 0;
    int64_t *taken = counters, *closed = taken + nc, *shown = closed + nc, *seen = shown + k.nevents;
    int64_t *low = seen + k.nevents, *high = low + nq;
    for (int64_t c = 0; c < n && !k.err; c++) {
        int64_t start = c ? ends[c - 1] : 0;
        k.seed = seeds + start;
        k.seed_len = ends[c] - start;
        memcpy(k.v, p + p[P_INITIAL], (size_t)k.size * sizeof(int64_t));
        k.nsched = 0;
        k.ncards = 0;
        k.ending = -1;
        begin_turn(&k);
        while (k.ending < 0 && !k.err) {
            plan(&k);
            tally(&k, taken, closed, shown);
            apply(&k);
        }
        int64_t fired = 0;
        for (int64_t e = 0; e < k.nevents; e++)
            if (k.v[k.e0 + e] >= 0) {
                fired++;
                seen[e]++;
            }
        for (int64_t q = 0; q < nq; q++) {
            int64_t value = k.v[q0 + q];
            if (value < low[q]) low[q] = value;
            if (value > high[q]) high[q] = value;
        }
        per[3 * c] = k.ending;
        per[3 * c + 1] = k.v[0];
        per[3 * c + 2] = fired;
        if ((c + phase) % every == 0) memcpy(states + k.size * sampled++, k.v, (size_t)k.size * sizeof(int64_t));
    }
    int err = k.err;
    release(&k);
    return err;
}

/* Test hooks: the generator as Python sees it. */
int he_abi(void) { return HE_ABI; }
int he_rng_seed(const uint8_t *seed, int64_t len, int64_t turn, int stream, uint64_t *out) {
    if (stream < 0 || stream > 3) return HE_E_PROGRAM;
    return rng_seed(seed, len, turn, stream, out) ? HE_E_SEED : HE_OK;
}
int64_t he_rng_below(uint64_t *state, int64_t n) { return below(state, n); }
double he_rng_random(uint64_t *state) { return random01(state); }
int64_t he_rng_weighted(uint64_t *state, const int64_t *w, int64_t n) { return weighted(state, w, n); }

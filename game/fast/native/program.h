/* Honorable Exit, native kernel: the program's layout, the opcodes and the kernel's state.
 *
 * The program is one array of int64 laid out by game/fast/native/program.py: a header
 * (P_*, the offsets and counts of what follows), the integer form's code and tables
 * (game/fast/ir.py, whose docstring documents the opcodes), the scenario's initial flat
 * state with the difficulty's tolerances, and the bot's tables.
 */
#ifndef HE_PROGRAM_H
#define HE_PROGRAM_H

#include <stdint.h>

#define HE_ABI 2 /* 2: rules 3 (the month's deck in one test) */

/* ---- errors ----------------------------------------------------------- */
enum {
    HE_OK = 0,
    HE_E_OVERFLOW = -1,   /* an integer past 64 bits, or a division Python rounds otherwise */
    HE_E_NO_CHOICE = -2,  /* a card with no open choice: the reference engine fails there */
    HE_E_MEMORY = -3,
    HE_E_PROGRAM = -4,    /* a program this kernel does not understand */
    HE_E_SEED = -5        /* a seed too long for the message buffer */
};

/* ---- the program (laid out by game/fast/native/program.py) ------------- */
enum {
    P_ABI, P_SIZE, P_Q0, P_T0, P_P0, P_F0, P_E0,
    P_NEVENTS, P_NCHOICES, P_NPOLICIES, P_NLEVELS, P_NQ,
    P_CARDS_MIN, P_CARDS_MAX, P_LENGTH,
    P_CODE, P_CODE_LEN, P_EVENTS, P_CHOICES, P_POLICIES, P_LEVELS,
    P_ENDINGS, P_NENDINGS, P_WATCH, P_NWATCH, P_BLOCKS, P_NBLOCKS, P_INITIAL,
    P_BOT, P_NOISE, P_RANKED, P_PICKS, P_TARGETS,
    P_HEADER
};
/* table rows (game/fast/ir.py) */
enum { EV_MONTH, EV_CONDITIONAL, EV_WHEN, EV_WEIGHT, EV_ONCE, EV_COOLDOWN, EV_MLO, EV_MHI, EV_TLO, EV_THI,
       EV_FIRST, EV_COUNT, EV_STRIDE };
enum { CH_EVENT, CH_WHEN, CH_FX, CH_STRIDE };
enum { PO_FIRST, PO_COUNT, PO_STEP, PO_STRIDE };
enum { LV_POLICY, LV_WHEN, LV_FX, LV_STRIDE };
enum { EN_ENDING, EN_WHEN, EN_AT_END, EN_FALLBACK, EN_PRIORITY, EN_STRIDE };
enum { BOT_RANDOM = 0, BOT_LINE = 1, BOT_FOLLOWER = 2 };

/* opcodes (game/fast/ir_code.py) */
enum { C_TRUE = 0, C_FALSE, C_AND, C_OR, C_NOT, C_CMP, C_FLAG, C_FIRED };
enum { N_INT = 20, N_FLOAT, N_SLOT, N_NEG, N_ADD, N_SUB, N_MUL, N_DIV };
enum { E_SEQ = 40, E_CHANGE, E_FLAG_SET, E_FLAG_CLEAR, E_SET_POLICY, E_SCHED_EVENT, E_SCHED_BLOCK,
       E_RANDOM, E_IF };

typedef struct { int64_t due, which, index; } Item;

/* A literal of a card's condition in a month (fold.h): v[slot] - lo <= span in unsigned
 * arithmetic (v[slot] within [lo, lo + span]), or, when neg, not. */
typedef struct { int64_t slot; uint64_t lo, span; int64_t neg; } Lit;

/* A card of a month's deck: it may be drawn if its literals k->lits[lit, lit + nlit) hold and
 * then the condition at `when` (-1: none) holds. */
typedef struct { int64_t card, lit, nlit, when; } Entry;

/* A generator derived on first use, as the engine's effect context does. */
typedef struct { int live, stream; int64_t turn; uint64_t x; } Dice;

/* A number as Python holds it: an int (exact, here within 64 bits) or a float. */
typedef struct { int isf; int64_t i; double d; } Num;

typedef struct {
    const int64_t *p, *code, *events, *choices, *policies, *levels;
    int64_t code_len, size, p0, e0, nevents, npolicies, nchoices;
    int64_t *endof;                /* the offset after the node at each node's offset (verify.h) */
    int64_t *v;                    /* the flat state */
    const uint8_t *seed;
    int64_t seed_len;
    Item *sched, *due;             /* the scheduled list, and this month's due items */
    int64_t nsched, cap;
    int64_t *cards, ncards;        /* the desk */
    int64_t *forced, *cand, *cum, *opts, *picks, *moves, nmoves;
    int64_t *month_at, *month_cards;    /* per turn: where its month's historical cards begin; the cards */
    int64_t *deck_at;              /* per turn: where its month's deck begins in `deck` */
    Entry *deck;                   /* the months' decks (pack order), each card's condition folded */
    Lit *lits;                     /* the entries' literals (fold.h) */
    int64_t nlits, lits_cap;
    int64_t ending;
    int err;
} K;

/* a table row's field */
#define EV(e, f) (k->events[(e) * EV_STRIDE + (f)])
#define CH(c, f) (k->choices[(c) * CH_STRIDE + (f)])
#define PO(i, f) (k->policies[(i) * PO_STRIDE + (f)])
#define LV(l, f) (k->levels[(l) * LV_STRIDE + (f)])

static void fail(K *k, int err) {
    if (!k->err) k->err = err;
}

#endif

/* Honorable Exit, native kernel: BLAKE2b-64 (RFC 7693) and the game's generator (game/engine/rng.py).
 *
 * Rng(seed, turn, stream): a 64-bit LCG (Knuth's MMIX constants) whose state is the
 * first 8 bytes, little-endian, of BLAKE2b with an 8-byte digest of the UTF-8 text
 * "{seed}:{turn}:{stream}". Included by kernel.c (one translation unit).
 */
#ifndef HE_RNG_H
#define HE_RNG_H

#include <stdint.h>
#include <string.h>

/* ---- BLAKE2b (RFC 7693), unkeyed, 8-byte digest ------------------------ */
static const uint64_t B2_IV[8] = {
    0x6A09E667F3BCC908ULL, 0xBB67AE8584CAA73BULL, 0x3C6EF372FE94F82BULL, 0xA54FF53A5F1D36F1ULL,
    0x510E527FADE682D1ULL, 0x9B05688C2B3E6C1FULL, 0x1F83D9ABFB41BD6BULL, 0x5BE0CD19137E2179ULL};

static const uint8_t B2_SIGMA[12][16] = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
    {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
    {11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4},
    {7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
    {9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13},
    {2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
    {12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11},
    {13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
    {6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5},
    {10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0},
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
    {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3}};

#define ROTR64(x, n) (((x) >> (n)) | ((x) << (64 - (n))))
#define B2_G(a, b, c, d, x, y)          \
    do {                                \
        v[a] = v[a] + v[b] + (x);       \
        v[d] = ROTR64(v[d] ^ v[a], 32); \
        v[c] = v[c] + v[d];             \
        v[b] = ROTR64(v[b] ^ v[c], 24); \
        v[a] = v[a] + v[b] + (y);       \
        v[d] = ROTR64(v[d] ^ v[a], 16); \
        v[c] = v[c] + v[d];             \
        v[b] = ROTR64(v[b] ^ v[c], 63); \
    } while (0)

static uint64_t load64(const uint8_t *p) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    uint64_t x; /* the machine's own order is the format's: one load */
    memcpy(&x, p, sizeof x);
    return x;
#else
    uint64_t x = 0;
    for (int i = 7; i >= 0; i--) x = (x << 8) | p[i]; /* little-endian on any machine */
    return x;
#endif
}

#define B2_ROUND(r)                                                           \
    do {                                                                      \
        B2_G(0, 4, 8, 12, m[B2_SIGMA[r][0]], m[B2_SIGMA[r][1]]);              \
        B2_G(1, 5, 9, 13, m[B2_SIGMA[r][2]], m[B2_SIGMA[r][3]]);              \
        B2_G(2, 6, 10, 14, m[B2_SIGMA[r][4]], m[B2_SIGMA[r][5]]);             \
        B2_G(3, 7, 11, 15, m[B2_SIGMA[r][6]], m[B2_SIGMA[r][7]]);             \
        B2_G(0, 5, 10, 15, m[B2_SIGMA[r][8]], m[B2_SIGMA[r][9]]);             \
        B2_G(1, 6, 11, 12, m[B2_SIGMA[r][10]], m[B2_SIGMA[r][11]]);           \
        B2_G(2, 7, 8, 13, m[B2_SIGMA[r][12]], m[B2_SIGMA[r][13]]);            \
        B2_G(3, 4, 9, 14, m[B2_SIGMA[r][14]], m[B2_SIGMA[r][15]]);            \
    } while (0)

static void b2_compress(uint64_t h[8], const uint8_t block[128], uint64_t t, int last) {
    uint64_t v[16], m[16];
    for (int i = 0; i < 16; i++) m[i] = load64(block + 8 * i);
    for (int i = 0; i < 8; i++) {
        v[i] = h[i];
        v[i + 8] = B2_IV[i];
    }
    v[12] ^= t; /* messages here are far shorter than 2^64 bytes: the high counter stays 0 */
    if (last) v[14] = ~v[14];
    /* the rounds written out, so that every message word's index is a constant */
    B2_ROUND(0); B2_ROUND(1); B2_ROUND(2); B2_ROUND(3); B2_ROUND(4); B2_ROUND(5);
    B2_ROUND(6); B2_ROUND(7); B2_ROUND(8); B2_ROUND(9); B2_ROUND(10); B2_ROUND(11);
    for (int i = 0; i < 8; i++) h[i] ^= v[i] ^ v[i + 8];
}

/* The first 8 bytes, little-endian, of BLAKE2b with an 8-byte digest. */
static uint64_t blake2b64(const uint8_t *msg, int64_t len) {
    uint64_t h[8];
    uint8_t block[128];
    memcpy(h, B2_IV, sizeof h);
    h[0] ^= 0x01010000ULL ^ 8ULL; /* depth 1, fanout 1, no key, digest length 8 */
    uint64_t done = 0;
    while (len - (int64_t)done > 128) {
        b2_compress(h, msg + done, done + 128, 0);
        done += 128;
    }
    size_t rest = (size_t)(len - (int64_t)done);
    memset(block, 0, sizeof block);
    if (rest) memcpy(block, msg + done, rest);
    b2_compress(h, block, done + rest, 1);
    return h[0]; /* its little-endian bytes are the digest */
}

/* ---- the generator (game/engine/rng.py) ------------------------------- */
#define LCG_MUL 6364136223846793005ULL
#define LCG_ADD 1442695040888963407ULL

static const char *const STREAMS[4] = {"draw", "resolve", "consequences", "bot"};
enum { S_DRAW = 0, S_RESOLVE = 1, S_CONSEQUENCES = 2, S_BOT = 3 };

#define MSG_MAX 4096

/* The generator's state for (seed, turn, stream): 0, or -1 if the message does not fit. */
static int rng_seed(const uint8_t *seed, int64_t seed_len, int64_t turn, int stream, uint64_t *out) {
    uint8_t msg[MSG_MAX];
    char digits[24];
    int nd = 0;
    uint64_t t = turn < 0 ? (uint64_t)(-(turn + 1)) + 1 : (uint64_t)turn;
    do {
        digits[nd++] = (char)('0' + t % 10);
        t /= 10;
    } while (t);
    size_t slen = strlen(STREAMS[stream]);
    if (seed_len < 0 || seed_len + nd + 3 + (int64_t)slen > MSG_MAX) return -1;
    size_t n = (size_t)seed_len;
    memcpy(msg, seed, n);
    msg[n++] = ':';
    if (turn < 0) msg[n++] = '-';
    while (nd) msg[n++] = (uint8_t)digits[--nd];
    msg[n++] = ':';
    memcpy(msg + n, STREAMS[stream], slen);
    n += slen;
    *out = blake2b64(msg, (int64_t)n);
    return 0;
}

static inline uint64_t lcg(uint64_t x) { return x * LCG_MUL + LCG_ADD; }

/* Rng.below(n): a whole number in [0, n), from the high 32 bits. */
static inline int64_t below(uint64_t *state, int64_t n) {
    *state = lcg(*state);
    return (int64_t)(((unsigned __int128)(*state >> 32) * (unsigned __int128)(uint64_t)n) >> 32);
}

/* Rng.random(): a float in [0, 1) from the 53 high bits. */
static inline double random01(uint64_t *state) {
    *state = lcg(*state);
    return (double)(*state >> 11) * (1.0 / 9007199254740992.0);
}

/* Rng.weighted(weights). */
static int64_t weighted(uint64_t *state, const int64_t *w, int64_t n) {
    int64_t sum = 0;
    for (int64_t i = 0; i < n; i++) sum += w[i];
    int64_t roll = below(state, sum);
    for (int64_t i = 0; i < n; i++) {
        roll -= w[i];
        if (roll < 0) return i;
    }
    return n - 1;
}

#endif

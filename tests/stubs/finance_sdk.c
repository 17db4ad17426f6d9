/*
 * A stand-in for WeCom's message-archive library (libWeWorkFinanceSdk_C.so), built by the test
 * suite with the system C compiler. It exports the vendor's documented functions with the
 * documented signatures (NewSdk, Init, GetChatData, DecryptData, DestroySdk, NewSlice,
 * GetContentFromSlice, GetSliceLen, FreeSlice) over canned records that a test writes, plus a
 * few Stub* functions through which the test reads what the adapter did (live handles and
 * slices, concurrent calls) and holds a call open.
 *
 * Where the records come from: the file named by the environment variable
 * JINGMIN_FINANCE_STUB_DATA, read again on every Init and GetChatData (a test may append to it
 * between calls, and another process started with the same variable reads the same archive).
 * One directive a line, fields separated by single tabs, '#' starts a comment line:
 *
 *   record  SEQ  MSGID  PUBLICKEY_VER  ENCRYPT_RANDOM_KEY  ENCRYPT_CHAT_MSG
 *   init_rc CODE          Init returns CODE
 *   chat_rc CODE          GetChatData returns CODE
 *   errcode CODE  ERRMSG  GetChatData returns 0 with {"errcode":CODE,"errmsg":ERRMSG}
 *
 * GetChatData answers the records whose seq is above the one asked, in seq order, at most
 * `limit` of them (the vendor's rule: reading resumes at seq + 1; limit is 1..1000).
 *
 * The record cipher is the stand-in's own (the real one is opaque to the adapter): the plain
 * message is "JMSTUB1:" followed by the message JSON, XORed with a keystream seeded by the
 * FNV-1a hash of the random key and drawn with xorshift64*, then base64-encoded. DecryptData
 * refuses a key that does not reproduce the "JMSTUB1:" prefix (10006, decryption failed) and
 * text that is not base64 (10008), so the adapter must pass exactly the RSA-decrypted key.
 *
 * Compile with -DJINGMIN_STUB_NO_SLICE_LEN to leave GetSliceLen out (older SDK builds).
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PREFIX "JMSTUB1:"
#define MAX_LIMIT 1000u
#define HOLD_TIMEOUT_S 10

typedef struct WeWorkFinanceSdk_t { int initialised; } WeWorkFinanceSdk_t;

typedef struct Slice_t {
    char *buf;
    int len;
} Slice_t;

typedef struct {
    unsigned long long seq;
    char *line; /* the whole "record" line, tabs turned into NULs */
    char *msgid, *ver, *key, *msg;
} Record;

static int live_sdks, live_slices, in_flight, max_in_flight, held, waiting;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t released = PTHREAD_COND_INITIALIZER;

static void enter(void) {
    pthread_mutex_lock(&lock);
    if (++in_flight > max_in_flight) max_in_flight = in_flight;
    pthread_mutex_unlock(&lock);
}

static void leave(void) {
    pthread_mutex_lock(&lock);
    in_flight--;
    pthread_mutex_unlock(&lock);
}

/* Blocks while a test holds calls (bounded, so a call wrongly made on the event loop thread
 * cannot hang the suite: the test then sees it was never observed waiting). */
static void wait_if_held(void) {
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += HOLD_TIMEOUT_S;
    pthread_mutex_lock(&lock);
    if (held) {
        waiting++;
        while (held && pthread_cond_timedwait(&released, &lock, &until) == 0) {
        }
        waiting--;
    }
    pthread_mutex_unlock(&lock);
}

static char *read_file(void) {
    const char *path = getenv("JINGMIN_FINANCE_STUB_DATA");
    if (!path) return NULL;
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 4096, len = 0;
    char *text = malloc(cap);
    size_t got;
    while (text && (got = fread(text + len, 1, cap - len - 1, f)) > 0) {
        len += got;
        if (cap - len < 2) {
            char *bigger = realloc(text, cap * 2);
            if (!bigger) { free(text); text = NULL; break; }
            text = bigger;
            cap *= 2;
        }
    }
    fclose(f);
    if (text) text[len] = '\0';
    return text;
}

/* Splits a line in place at tabs; returns the number of fields found. */
static int split(char *line, char **fields, int most) {
    int n = 0;
    fields[n++] = line;
    for (char *p = line; *p && n < most; p++) {
        if (*p == '\t') { *p = '\0'; fields[n++] = p + 1; }
    }
    return n;
}

/* The value of the first `name` directive (0 when absent); `errmsg` receives its text. */
static int directive(const char *text, const char *name, char *errmsg, size_t errmsg_size) {
    char *copy = strdup(text), *save = NULL, *fields[3];
    int value = 0;
    if (!copy) return 0;
    for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        int n = split(line, fields, 3);
        if (strcmp(fields[0], name) == 0 && n >= 2) {
            value = atoi(fields[1]);
            if (errmsg) snprintf(errmsg, errmsg_size, "%s", n >= 3 ? fields[2] : "");
            break;
        }
    }
    free(copy);
    return value;
}

static int by_seq(const void *a, const void *b) {
    unsigned long long x = ((const Record *)a)->seq, y = ((const Record *)b)->seq;
    return (x > y) - (x < y);
}

static void set_slice(Slice_t *slice, char *buf, int len) {
    free(slice->buf);
    slice->buf = buf;
    slice->len = len;
}

WeWorkFinanceSdk_t *NewSdk(void) {
    WeWorkFinanceSdk_t *sdk = calloc(1, sizeof *sdk);
    if (sdk) __atomic_add_fetch(&live_sdks, 1, __ATOMIC_SEQ_CST);
    return sdk;
}

int Init(WeWorkFinanceSdk_t *sdk, const char *corpid, const char *secret) {
    if (!sdk || !corpid || !secret || !*corpid || !*secret) return 10000;
    char *text = read_file();
    int rc = text ? directive(text, "init_rc", NULL, 0) : 0;
    free(text);
    if (rc == 0) sdk->initialised = 1;
    return rc;
}

void DestroySdk(WeWorkFinanceSdk_t *sdk) {
    if (!sdk) return;
    free(sdk);
    __atomic_sub_fetch(&live_sdks, 1, __ATOMIC_SEQ_CST);
}

Slice_t *NewSlice(void) {
    Slice_t *slice = calloc(1, sizeof *slice);
    if (slice) __atomic_add_fetch(&live_slices, 1, __ATOMIC_SEQ_CST);
    return slice;
}

void FreeSlice(Slice_t *slice) {
    if (!slice) return;
    free(slice->buf);
    free(slice);
    __atomic_sub_fetch(&live_slices, 1, __ATOMIC_SEQ_CST);
}

char *GetContentFromSlice(Slice_t *slice) { return slice ? slice->buf : NULL; }

#ifndef JINGMIN_STUB_NO_SLICE_LEN
int GetSliceLen(Slice_t *slice) { return slice ? slice->len : 0; }
#endif

static int chat_data(WeWorkFinanceSdk_t *sdk, unsigned long long seq, unsigned int limit,
                     Slice_t *out) {
    if (!sdk || !sdk->initialised || !out || limit == 0 || limit > MAX_LIMIT) return 10000;
    char *text = read_file();
    if (!text) return 10001;
    char errmsg[256] = "";
    int rc = directive(text, "chat_rc", NULL, 0);
    int errcode = directive(text, "errcode", errmsg, sizeof errmsg);
    if (rc) { free(text); return rc; }
    size_t cap = 256, count = 0;
    Record *records = malloc(cap * sizeof *records);
    char *save = NULL, *fields[6];
    for (char *line = strtok_r(text, "\n", &save); line && records;
         line = strtok_r(NULL, "\n", &save)) {
        if (split(line, fields, 6) != 6 || strcmp(fields[0], "record") != 0) continue;
        unsigned long long record_seq = strtoull(fields[1], NULL, 10);
        if (record_seq <= seq) continue;
        if (count == cap) {
            Record *bigger = realloc(records, 2 * cap * sizeof *records);
            if (!bigger) break;
            records = bigger;
            cap *= 2;
        }
        records[count++] = (Record){record_seq, line, fields[2], fields[3], fields[4], fields[5]};
    }
    if (!records) { free(text); return 10003; }
    qsort(records, count, sizeof *records, by_seq);
    if (count > limit) count = limit;
    size_t size = 128 + strlen(errmsg) * 2, used = 0;
    for (size_t i = 0; i < count; i++)
        size += 128 + strlen(records[i].msgid) + strlen(records[i].ver) +
                strlen(records[i].key) + strlen(records[i].msg);
    char *json = malloc(size);
    used += snprintf(json + used, size - used, "{\"errcode\":%d,\"errmsg\":\"%s\",\"chatdata\":[",
                     errcode, errcode ? errmsg : "ok");
    for (size_t i = 0; i < count && !errcode; i++)
        used += snprintf(json + used, size - used,
                         "%s{\"seq\":%llu,\"msgid\":\"%s\",\"publickey_ver\":%s,"
                         "\"encrypt_random_key\":\"%s\",\"encrypt_chat_msg\":\"%s\"}",
                         i ? "," : "", records[i].seq, records[i].msgid, records[i].ver,
                         records[i].key, records[i].msg);
    used += snprintf(json + used, size - used, "]}");
    free(records);
    free(text);
    set_slice(out, json, (int)used);
    return 0;
}

int GetChatData(WeWorkFinanceSdk_t *sdk, unsigned long long seq, unsigned int limit,
                const char *proxy, const char *passwd, int timeout, Slice_t *chatDatas) {
    (void)proxy; (void)passwd; (void)timeout;
    enter();
    wait_if_held();
    int rc = chat_data(sdk, seq, limit, chatDatas);
    leave();
    return rc;
}

static int b64_value(int c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

/* Decodes padded base64 into a new buffer; NULL when the text is not base64. */
static unsigned char *b64_decode(const char *text, size_t *out_len) {
    size_t n = strlen(text);
    if (n == 0 || n % 4) return NULL;
    unsigned char *out = malloc(n / 4 * 3 + 1);
    size_t len = 0;
    for (size_t i = 0; i < n; i += 4) {
        int v[4];
        for (int j = 0; j < 4; j++) {
            int pad = text[i + j] == '=' && i + 4 == n && j >= 2;
            v[j] = pad ? -2 : b64_value((unsigned char)text[i + j]);
            if (v[j] == -1 || (j == 3 && v[2] == -2 && v[3] != -2)) { free(out); return NULL; }
        }
        out[len++] = (unsigned char)(v[0] << 2 | v[1] >> 4);
        if (v[2] >= 0) out[len++] = (unsigned char)((v[1] & 15) << 4 | v[2] >> 2);
        if (v[3] >= 0) out[len++] = (unsigned char)((v[2] & 3) << 6 | v[3]);
    }
    *out_len = len;
    return out;
}

/* The keystream: FNV-1a 64 of the key seeds xorshift64*, eight little-endian bytes a step. */
static void unmask(unsigned char *data, size_t len, const char *key) {
    uint64_t state = 0xcbf29ce484222325ULL;
    for (const unsigned char *p = (const unsigned char *)key; *p; p++)
        state = (state ^ *p) * 0x100000001b3ULL;
    if (state == 0) state = 1;
    for (size_t i = 0; i < len; i += 8) {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        uint64_t word = state * 0x2545f4914f6cdd1dULL;
        for (size_t j = 0; j < 8 && i + j < len; j++) data[i + j] ^= (unsigned char)(word >> (8 * j));
    }
}

int DecryptData(const char *encrypt_key, const char *encrypt_msg, Slice_t *msg) {
    if (!encrypt_key || !encrypt_msg || !msg || !*encrypt_key) return 10000;
    enter();
    size_t len = 0;
    unsigned char *data = b64_decode(encrypt_msg, &len);
    int rc = 0;
    if (!data) {
        rc = 10008;
    } else {
        unmask(data, len, encrypt_key);
        size_t prefix = strlen(PREFIX);
        if (len < prefix || memcmp(data, PREFIX, prefix) != 0) {
            rc = 10006;
        } else {
            char *plain = malloc(len - prefix + 1);
            memcpy(plain, data + prefix, len - prefix);
            plain[len - prefix] = '\0';
            set_slice(msg, plain, (int)(len - prefix));
        }
        free(data);
    }
    leave();
    return rc;
}

/* ---- for the tests only ---- */

int StubLiveSdks(void) { return __atomic_load_n(&live_sdks, __ATOMIC_SEQ_CST); }
int StubLiveSlices(void) { return __atomic_load_n(&live_slices, __ATOMIC_SEQ_CST); }

int StubMaxConcurrent(void) {
    pthread_mutex_lock(&lock);
    int value = max_in_flight;
    pthread_mutex_unlock(&lock);
    return value;
}

int StubWaiting(void) {
    pthread_mutex_lock(&lock);
    int value = waiting;
    pthread_mutex_unlock(&lock);
    return value;
}

/* on != 0: GetChatData blocks until StubHold(0) (or HOLD_TIMEOUT_S passes). */
void StubHold(int on) {
    pthread_mutex_lock(&lock);
    held = on;
    if (!on) pthread_cond_broadcast(&released);
    pthread_mutex_unlock(&lock);
}

/* Forgets the concurrency record between tests (handles and slices are never reset: a test
 * compares them with what it saw before). */
void StubReset(void) {
    pthread_mutex_lock(&lock);
    max_in_flight = in_flight;
    held = 0;
    pthread_cond_broadcast(&released);
    pthread_mutex_unlock(&lock);
}

/* A tiny fork-join pool: the calling thread plus (threads - 1) persistent workers. */
#ifndef RNN_POOL_H
#define RNN_POOL_H

#ifdef __cplusplus
extern "C" {
#endif

typedef void (*rnn_task)(void *arg, int part, int parts);

/* Runs task(arg, p, parts) for p in 0..parts-1, part 0 on the calling thread, the rest on workers, and
 * returns when all are done. parts is capped at the pool size. When the pool is busy (another thread is
 * inside rnn_parallel) or has one thread, every part runs here, in order. */
void rnn_parallel(rnn_task task, void *arg, int parts);

/* Threads used (including the caller): 1..RNN_MAX_THREADS. Default min(2, CPUs), or RNN_NATIVE_THREADS. */
int rnn_pool_threads(void);
void rnn_pool_set_threads(int threads);

#define RNN_MAX_THREADS 16

#ifdef __cplusplus
}
#endif

#endif

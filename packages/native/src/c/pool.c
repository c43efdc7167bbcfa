#include "pool.h"

#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

static pthread_mutex_t busy = PTHREAD_MUTEX_INITIALIZER; /* held by the one caller using the workers */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t start_cv = PTHREAD_COND_INITIALIZER;
static pthread_cond_t done_cv = PTHREAD_COND_INITIALIZER;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static int configured;  /* threads to use, including the caller */
static int started;     /* workers running */
static unsigned long generation;
static int pending;
static rnn_task cur_task;
static void *cur_arg;
static int cur_parts;

static void init_threads(void) {
  long cpus = sysconf(_SC_NPROCESSORS_ONLN);
  int n = cpus >= 2 ? 2 : 1;
  const char *env = getenv("RNN_NATIVE_THREADS");
  if (env && *env) {
    int v = atoi(env);
    if (v >= 1) n = v;
  }
  configured = n > RNN_MAX_THREADS ? RNN_MAX_THREADS : n;
}

int rnn_pool_threads(void) {
  pthread_once(&once, init_threads);
  return configured;
}

void rnn_pool_set_threads(int threads) {
  pthread_once(&once, init_threads);
  pthread_mutex_lock(&busy);
  configured = threads < 1 ? 1 : threads > RNN_MAX_THREADS ? RNN_MAX_THREADS : threads;
  pthread_mutex_unlock(&busy);
}

static void *worker(void *arg) {
  const int index = (int)(size_t)arg; /* 1.. */
  unsigned long seen = 0;
  pthread_mutex_lock(&lock);
  for (;;) {
    while (generation == seen) pthread_cond_wait(&start_cv, &lock);
    seen = generation;
    rnn_task task = cur_task;
    void *targ = cur_arg;
    int parts = cur_parts;
    pthread_mutex_unlock(&lock);
    if (index < parts) task(targ, index, parts);
    pthread_mutex_lock(&lock);
    if (--pending == 0) pthread_cond_signal(&done_cv);
  }
  return NULL;
}

void rnn_parallel(rnn_task task, void *arg, int parts) {
  const int threads = rnn_pool_threads();
  if (parts > threads) parts = threads;
  if (parts <= 1 || pthread_mutex_trylock(&busy) != 0) {
    for (int p = 0; p < parts; p++) task(arg, p, parts);
    return;
  }
  pthread_mutex_lock(&lock);
  while (started < parts - 1) {
    pthread_t t;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    int rc = pthread_create(&t, &attr, worker, (void *)(size_t)(started + 1));
    pthread_attr_destroy(&attr);
    if (rc != 0) break;
    started++;
  }
  if (parts > started + 1) parts = started + 1;
  if (parts <= 1) {
    pthread_mutex_unlock(&lock);
    pthread_mutex_unlock(&busy);
    task(arg, 0, 1);
    return;
  }
  cur_task = task;
  cur_arg = arg;
  cur_parts = parts;
  pending = started;
  generation++;
  pthread_cond_broadcast(&start_cv);
  pthread_mutex_unlock(&lock);

  task(arg, 0, parts);

  pthread_mutex_lock(&lock);
  while (pending > 0) pthread_cond_wait(&done_cv, &lock);
  pthread_mutex_unlock(&lock);
  pthread_mutex_unlock(&busy);
}

// hiredis writes with write(), so writing to a Redis that went away can raise SIGPIPE, which
// ends the process by default. SigpipeBlocked blocks it on this thread for its lifetime and
// discards one raised meanwhile, so a vanished Redis is an error to fall back from.
#pragma once

#include <signal.h>

#include <ctime>

namespace tiktok_aigc::redis {

class SigpipeBlocked {
 public:
  SigpipeBlocked() {
    sigset_t pending;
    sigpending(&pending);
    was_pending_ = sigismember(&pending, SIGPIPE) == 1;
    const sigset_t pipe = sigpipe();
    pthread_sigmask(SIG_BLOCK, &pipe, &previous_);
  }
  ~SigpipeBlocked() {
    sigset_t pending;
    sigpending(&pending);
    if (!was_pending_ && sigismember(&pending, SIGPIPE) == 1) {
      const sigset_t pipe = sigpipe();
      const timespec no_wait{0, 0};
      sigtimedwait(&pipe, nullptr, &no_wait);
    }
    pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
  }
  SigpipeBlocked(const SigpipeBlocked&) = delete;
  SigpipeBlocked& operator=(const SigpipeBlocked&) = delete;

 private:
  static sigset_t sigpipe() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGPIPE);
    return set;
  }

  sigset_t previous_{};
  bool was_pending_ = false;
};

}  // namespace tiktok_aigc::redis

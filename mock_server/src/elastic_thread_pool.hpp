// The task queue the mock's HTTP servers run their connections on: a thread per connection,
// started when a connection finds no idle thread and retired after a while idle.
//
// cpp-httplib's own ThreadPool has a fixed number of threads (eight on two cores), and each
// kept-alive connection holds one for as long as it stays open: a ninth client waits for a
// connection to close. Here a connection waits only when `max_threads` are busy.
#pragma once

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <list>
#include <mutex>
#include <thread>
#include <vector>

namespace tiktok_aigc::mock {

class ElasticThreadPool : public httplib::TaskQueue {
 public:
  // `kept_idle` threads stay however long they idle; the others end after `idle_lifetime`.
  ElasticThreadPool(std::size_t max_threads, std::size_t kept_idle = 4,
                    std::chrono::milliseconds idle_lifetime = std::chrono::seconds(10));
  ~ElasticThreadPool() override;
  ElasticThreadPool(const ElasticThreadPool&) = delete;
  ElasticThreadPool& operator=(const ElasticThreadPool&) = delete;

  void enqueue(std::function<void()> task) override;
  // Runs the queued tasks, then joins every thread.
  void shutdown() override;

  std::size_t thread_count() const;

 private:
  void work(std::list<std::thread>::iterator self);
  void join_retired(std::unique_lock<std::mutex>& lock);

  const std::size_t max_threads_;
  const std::size_t kept_idle_;
  const std::chrono::milliseconds idle_lifetime_;

  mutable std::mutex mutex_;
  std::condition_variable work_ready_;
  std::deque<std::function<void()>> tasks_;
  std::list<std::thread> threads_;
  // Threads that have ended, joined by the next enqueue() or shutdown().
  std::vector<std::list<std::thread>::iterator> retired_;
  std::size_t idle_ = 0;
  bool shutting_down_ = false;
};

}  // namespace tiktok_aigc::mock

#include "elastic_thread_pool.hpp"

#include <algorithm>
#include <utility>

namespace tiktok_aigc::mock {

ElasticThreadPool::ElasticThreadPool(std::size_t max_threads, std::size_t kept_idle,
                                     std::chrono::milliseconds idle_lifetime)
    : max_threads_(std::max<std::size_t>(max_threads, 1)),
      kept_idle_(kept_idle),
      idle_lifetime_(idle_lifetime) {}

ElasticThreadPool::~ElasticThreadPool() { shutdown(); }

void ElasticThreadPool::enqueue(std::function<void()> task) {
  std::unique_lock<std::mutex> lock(mutex_);
  if (shutting_down_) return;
  join_retired(lock);
  tasks_.push_back(std::move(task));
  if (idle_ >= tasks_.size() || threads_.size() >= max_threads_) {
    work_ready_.notify_one();
    return;
  }
  threads_.emplace_back();
  const auto self = std::prev(threads_.end());
  *self = std::thread([this, self] { work(self); });
}

void ElasticThreadPool::shutdown() {
  std::unique_lock<std::mutex> lock(mutex_);
  shutting_down_ = true;
  work_ready_.notify_all();
  std::list<std::thread> running;
  running.splice(running.end(), threads_);
  retired_.clear();  // their handles moved into `running` with the rest
  lock.unlock();
  for (auto& thread : running) {
    if (thread.joinable()) thread.join();
  }
}

std::size_t ElasticThreadPool::thread_count() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return threads_.size() - retired_.size();
}

void ElasticThreadPool::work(std::list<std::thread>::iterator self) {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    ++idle_;
    const bool woken = work_ready_.wait_for(lock, idle_lifetime_,
                                            [this] { return !tasks_.empty() || shutting_down_; });
    --idle_;
    if (!tasks_.empty()) {
      auto task = std::move(tasks_.front());
      tasks_.pop_front();
      lock.unlock();
      task();
      lock.lock();
      continue;
    }
    if (shutting_down_) return;
    // Idle for idle_lifetime_: end, unless the pool is down to the threads it keeps.
    if (!woken && threads_.size() - retired_.size() > kept_idle_) {
      retired_.push_back(self);
      return;
    }
  }
}

void ElasticThreadPool::join_retired(std::unique_lock<std::mutex>& lock) {
  if (retired_.empty()) return;
  std::list<std::thread> ended;
  for (const auto& thread : retired_) ended.splice(ended.end(), threads_, thread);
  retired_.clear();
  // A retired thread has only to return from work(): joining waits on nothing held here.
  lock.unlock();
  for (auto& thread : ended) thread.join();
  lock.lock();
}

}  // namespace tiktok_aigc::mock

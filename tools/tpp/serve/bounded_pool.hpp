// httplib's connections run on this pool: a fixed number of threads and a bounded queue. When
// the queue is full, the accepting thread waits (new connections then wait in the kernel's
// backlog): the number of connections held at once is bounded, as is the memory they use.
#pragma once

#include <httplib.h>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace tpp::serve {

class BoundedPool : public httplib::TaskQueue {
 public:
  BoundedPool(unsigned threads, std::size_t max_queued) : max_queued_(max_queued) {
    for (unsigned i = 0; i < threads; ++i)
      workers_.emplace_back([this] { work(); });
  }
  ~BoundedPool() override { shutdown(); }

  void enqueue(std::function<void()> fn) override {
    std::unique_lock lock(mutex_);
    space_.wait(lock, [&] { return queue_.size() < max_queued_ || stopping_; });
    // After shutdown the task still runs (here): it owns a socket that it closes.
    if (stopping_) {
      lock.unlock();
      fn();
      return;
    }
    queue_.push_back(std::move(fn));
    ready_.notify_one();
  }

  /// Runs what is queued, then joins the threads.
  void shutdown() override {
    {
      std::lock_guard lock(mutex_);
      if (stopping_ && workers_.empty()) return;
      stopping_ = true;
    }
    ready_.notify_all();
    space_.notify_all();
    for (std::thread& worker : workers_)
      worker.join();
    workers_.clear();
  }

 private:
  void work() {
    for (;;) {
      std::function<void()> fn;
      {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [&] { return !queue_.empty() || stopping_; });
        if (queue_.empty()) return;
        fn = std::move(queue_.front());
        queue_.pop_front();
        space_.notify_one();
      }
      fn();
    }
  }

  std::size_t max_queued_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::condition_variable space_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace tpp::serve

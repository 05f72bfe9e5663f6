// What the client's tests share: the mock started in-process, and a clock whose sleeps move
// both its own time and the mock's, so waits, backoffs and budgets run without sleeping.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "tiktok_aigc/mock/mock_server.hpp"
#include "tiktok_aigc/tiktok_aigc.hpp"

namespace tiktok_aigc::testing {

// A Clock for tests: now() moves only when someone sleeps. Every sleep is recorded, and
// `on_sleep` (e.g. advancing the mock's clock) runs with it.
class FakeClock : public Clock {
 public:
  time_point now() override {
    std::lock_guard<std::mutex> lock(mutex_);
    return now_;
  }
  bool sleep_for(Duration duration, const CancellationToken& cancel) override {
    if (cancel.cancelled()) return false;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      now_ += duration;
      sleeps_.push_back(duration);
    }
    if (on_sleep) on_sleep(duration);
    return !cancel.cancelled();
  }
  std::vector<Duration> sleeps() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return sleeps_;
  }
  Duration slept() const {
    Duration total{0};
    for (Duration d : sleeps()) total += d;
    return total;
  }

  std::function<void(Duration)> on_sleep;

 private:
  mutable std::mutex mutex_;
  time_point now_{};
  std::vector<Duration> sleeps_;
};

inline mock::Options quiet_mock_options() {
  mock::Options options;
  options.seed = 7;
  options.clock_frozen = true;
  options.rate_limits = false;
  return options;
}

// A fault that answers the next `count` requests to `endpoint` with the envelope code `code`.
inline mock::Fault code_fault(const std::string& endpoint, int count, int code) {
  return mock::Fault::with_code(endpoint, code, count);
}

// A mock on a free port and a client pointed at it, on one fake clock: the client's sleeps
// advance the mock's clock, so tasks finish while the client waits.
class ClientFixture : public ::testing::Test {
 protected:
  explicit ClientFixture(mock::Options mock_options = quiet_mock_options())
      : mock(std::move(mock_options)) {}

  void SetUp() override {
    mock.start();
    clock = std::make_shared<FakeClock>();
    clock->on_sleep = [this](Duration d) { mock.advance_clock(d); };
    client = std::make_unique<Client>(options());
  }
  void TearDown() override { mock.stop(); }

  // Options for a client of this mock; tests adjust them and make their own client.
  ClientOptions options(const std::string& token = "client-test-token") {
    ClientOptions o;
    o.access_token = token;
    o.base_url = mock.base_url();
    o.clock = clock;
    o.rate_limiter = std::make_shared<LocalRateLimiter>();  // not the process-wide one
    o.jitter_seed = 1;
    return o;
  }

  mock::MockServer mock;
  std::shared_ptr<FakeClock> clock;
  std::unique_ptr<Client> client;
};

// The product of the documents' example request, every field set.
inline VideoProductInfo documented_product() {
  VideoProductInfo product;
  product.source_language = "en";
  product.product_name = "Glow Serum";
  product.title = "Glow all day";
  product.description = "A light serum.";
  product.selling_points = {"New Customer Discount", "50% Off Summer Special"};
  product.brand = "Lumi";
  product.price = 12.98;
  product.currency = "USD";
  return product;
}

}  // namespace tiktok_aigc::testing

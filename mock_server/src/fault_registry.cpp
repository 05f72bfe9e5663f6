#include "fault_registry.hpp"

#include <climits>
#include <set>
#include <stdexcept>

#include "tiktok_aigc/api/endpoints.hpp"

namespace tiktok_aigc::mock {

using nlohmann::json;

FaultRegistry::FaultRegistry(std::uint64_t seed) : seed_(seed), random_(seed) {}

void FaultRegistry::inject(const Fault& fault) {
  if (fault.endpoint != "*" && !api::find_endpoint_by_name(fault.endpoint)) {
    throw std::invalid_argument("endpoint: unknown endpoint \"" + fault.endpoint + "\"");
  }
  if (fault.count && *fault.count < 1) throw std::invalid_argument("count: must be at least 1");
  if (!(fault.rate > 0.0 && fault.rate <= 1.0)) {
    throw std::invalid_argument("rate: must be greater than 0 and at most 1, got " +
                                json(fault.rate).dump());
  }
  const int effects =
      fault.code.has_value() + fault.http_status.has_value() + fault.drop_connection;
  if (effects > 1)
    throw std::invalid_argument("a fault has one of code, http_status, drop_connection");
  if (effects == 0 && fault.delay.count() <= 0) {
    throw std::invalid_argument("a fault needs code, http_status, delay_ms or drop_connection");
  }
  if (fault.http_status && (*fault.http_status < 400 || *fault.http_status > 599)) {
    throw std::invalid_argument("http_status: must be between 400 and 599");
  }
  if (fault.delay.count() < 0 || fault.delay > std::chrono::minutes(5)) {
    throw std::invalid_argument("delay_ms: must be between 0 and 300000");
  }
  std::lock_guard<std::mutex> lock(mutex_);
  faults_.push_back(fault);
}

void FaultRegistry::clear() {
  std::lock_guard<std::mutex> lock(mutex_);
  faults_.clear();
  random_.seed(seed_);  // the same faults again draw the same hits
}

std::optional<Fault> FaultRegistry::take(const std::string& endpoint) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto it = faults_.begin(); it != faults_.end(); ++it) {
    if (it->endpoint != "*" && it->endpoint != endpoint) continue;
    if (it->rate < 1.0 && !std::bernoulli_distribution(it->rate)(random_)) continue;
    Fault hit = *it;
    if (it->count && --*it->count == 0) faults_.erase(it);
    return hit;
  }
  return std::nullopt;
}

json FaultRegistry::state() {
  json pending = json::array();
  std::lock_guard<std::mutex> lock(mutex_);
  for (const auto& fault : faults_) {
    json item = {{"endpoint", fault.endpoint}};
    if (fault.count) item["count"] = *fault.count;  // absent: until cleared
    // Posted again, the item makes the same fault: without a count, only a rate says so.
    if (fault.rate < 1.0 || !fault.count) item["rate"] = fault.rate;
    if (fault.code) item["code"] = *fault.code;
    if (fault.http_status) item["http_status"] = *fault.http_status;
    if (fault.delay.count()) item["delay_ms"] = fault.delay.count();
    if (fault.drop_connection) item["drop_connection"] = true;
    pending.push_back(std::move(item));
  }
  return pending;
}

Fault FaultRegistry::from_json(const json& body) {
  // A JSON integer within int's range, or a clear error (a float like 1e300 is neither).
  const auto integer = [&body](const char* key, int fallback) {
    const auto found = body.find(key);
    if (found == body.end()) return fallback;
    if (!found->is_number_integer() || *found < json(INT_MIN) || *found > json(INT_MAX)) {
      throw std::invalid_argument(std::string(key) + ": must be an integer");
    }
    return found->get<int>();
  };
  // A misspelt field would otherwise leave a fault other than the one meant.
  static const std::set<std::string> known = {"endpoint",    "count",    "rate",           "code",
                                              "http_status", "delay_ms", "drop_connection"};
  for (const auto& item : body.items()) {
    if (known.count(item.key()) == 0) {
      throw std::invalid_argument("unknown field \"" + item.key() +
                                  "\" (a fault has endpoint, count, rate, code, http_status, "
                                  "delay_ms, drop_connection)");
    }
  }
  // body.value() would throw nlohmann's type_error, which names no field.
  if (body.contains("endpoint") && !body.at("endpoint").is_string()) {
    throw std::invalid_argument("endpoint: must be a string");
  }
  if (body.contains("drop_connection") && !body.at("drop_connection").is_boolean()) {
    throw std::invalid_argument("drop_connection: must be true or false");
  }
  Fault fault;
  fault.endpoint = body.value("endpoint", "*");
  if (body.contains("rate")) {
    if (!body.at("rate").is_number()) throw std::invalid_argument("rate: must be a number");
    fault = Fault::at_rate(body.at("rate").get<double>(), fault);
  }
  if (body.contains("count")) fault.count = integer("count", 1);
  if (body.contains("code")) fault.code = integer("code", 0);
  if (body.contains("http_status")) fault.http_status = integer("http_status", 0);
  fault.delay = Millis(integer("delay_ms", 0));
  fault.drop_connection = body.value("drop_connection", false);
  return fault;
}

}  // namespace tiktok_aigc::mock

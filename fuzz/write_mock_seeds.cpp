// write_mock_seeds DIR...: seeds for the mock fuzzers, made from the API's description
// (client/tiktok_aigc/api/), so that every endpoint is reached with requests its rules accept
// and the seeds stay current as the rules change. The description holds rules, not example
// requests: each seed is a request built from an endpoint's rules, one per value of each
// top-level enum other fields are conditioned on, with only the fields required then and
// with every field that may be sent. Each is checked against the rules before it is written
// (framing: mock_fuzz_input.hpp).
//
// Exits 1 when an endpoint gets no seed its rules accept, or when the framing cannot name it.
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "tiktok_aigc/api/endpoints.hpp"

namespace {

using nlohmann::json;
using tiktok_aigc::api::Condition;
using tiktok_aigc::api::Endpoint;
using tiktok_aigc::api::FieldRule;
using tiktok_aigc::api::Presence;
using tiktok_aigc::api::ValueRule;

constexpr const char* kToken = "fuzz-seed";

// The same target byte mock_fuzz::kind_of_row gives (not included: that header needs httplib).
int kind_of_row(std::size_t row) {
  const int kind = row < 7 ? static_cast<int>(row) : static_cast<int>(row) + 3;
  return kind <= 15 ? kind : -1;
}

struct Builder {
  bool every_field;  // false: only the fields required
  int serial = 0;    // keeps generated texts and ids apart

  json value(const ValueRule& rule, const json& root) {
    switch (rule.kind) {
      case ValueRule::Kind::string:
        return text(rule);
      case ValueRule::Kind::integer:
      case ValueRule::Kind::number: {
        double v = rule.min ? *rule.min : 1;
        if (rule.max && v > *rule.max) v = *rule.max;
        if (rule.kind == ValueRule::Kind::integer) return static_cast<long long>(v);
        return v;
      }
      case ValueRule::Kind::boolean:
        return every_field;
      case ValueRule::Kind::array: {
        std::size_t n = rule.min_items ? *rule.min_items : 1;
        if (n == 0) n = 1;
        if (rule.max_items && n > *rule.max_items) n = *rule.max_items;
        json out = json::array();
        for (std::size_t i = 0; i < n && rule.items; ++i) out.push_back(value(*rule.items, root));
        return out;
      }
      case ValueRule::Kind::object:
        return object(rule, root, nullptr);
      case ValueRule::Kind::either:
        return nullptr;
    }
    return nullptr;
  }

  json text(const ValueRule& rule) {
    const std::string n = std::to_string(++serial);
    if (!rule.one_of.empty()) return rule.one_of.front();
    if (rule.date) return "2025-01-0" + std::to_string(1 + serial % 9);
    if (rule.currency_code) return "USD";
    if (rule.http_url) {
      return "https://cdn.example.com/seed" + n +
             (rule.file_extensions.empty() ? std::string(".png") : rule.file_extensions.front());
    }
    std::string out = "7300000000000000" + n;  // reads as an id, a name or a text alike
    if (rule.max_chars && out.size() > *rule.max_chars) out.resize(*rule.max_chars);
    return out;
  }

  // `root` is the request so far (conditions read its top-level fields); null: this is it.
  json object(const ValueRule& rule, const json& root, const json* fixed) {
    json out = fixed ? *fixed : json::object();
    const json& scope = root.is_null() ? out : root;
    for (const FieldRule& field : rule.fields) {
      if (out.contains(field.name)) continue;
      if (field.not_supported && field.not_supported->holds(scope, out)) continue;
      const bool holds = !field.condition || field.condition->holds(scope, out);
      bool send = false;
      switch (field.presence) {
        case Presence::required:
          send = true;
          break;
        case Presence::required_when:
        case Presence::only_when:
          send = holds || (every_field && field.presence == Presence::required_when);
          break;
        case Presence::ignored_unless:
          send = every_field && holds;
          break;
        case Presence::optional:
          send = every_field;
          break;
        case Presence::present:
          send = true;
          break;
      }
      if (send) out[field.name] = value(field.value, scope);
    }
    for (const ValueRule::Order& order : rule.orders) {
      if (!out.contains(order.first) || !out.contains(order.last)) continue;
      if (out[order.first].is_number()) {
        out[order.last] = out[order.first].get<double>() + 1000;
      } else {
        out[order.last] = out[order.first];
      }
    }
    return out;
  }
};

// Percent-encodes all but the unreserved characters of RFC 3986.
std::string encode(const std::string& text) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0x0f];
    }
  }
  return out;
}

// A GET's parameters as the API reads them: strings as they are, integers in decimal,
// arrays and objects as one JSON text each.
std::string query_of(const json& request, tiktok_aigc::api::QueryParams& params) {
  std::string query;
  for (const auto& [name, v] : request.items()) {
    const std::string raw = v.is_string() ? v.get<std::string>() : v.dump();
    params.emplace_back(name, raw);
    query += (query.empty() ? "" : "&") + encode(name) + "=" + encode(raw);
  }
  return query;
}

// The values of the top-level enum fields that other fields are conditioned on.
std::vector<json> variants(const ValueRule& rule) {
  std::set<std::string> conditioned;
  for (const FieldRule& field : rule.fields) {
    if (field.condition) conditioned.insert(field.condition->field);
    if (field.not_supported) conditioned.insert(field.not_supported->field);
  }
  std::vector<json> out;
  for (const FieldRule& field : rule.fields) {
    if (!conditioned.count(field.name) || field.value.one_of.empty()) continue;
    for (const std::string& v : field.value.one_of) out.push_back(json{{field.name, v}});
  }
  if (out.empty()) out.push_back(json::object());
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: write_mock_seeds DIR...\n");
    return 2;
  }
  const auto& table = tiktok_aigc::api::endpoints();
  int status = 0;
  std::size_t written = 0;
  for (std::size_t row = 0; row < table.size(); ++row) {
    const Endpoint& endpoint = table[row];
    const int kind = kind_of_row(row);
    if (kind < 0) {
      std::fprintf(stderr, "write_mock_seeds: the framing has no target byte for %s\n",
                   endpoint.name);
      status = 1;
      continue;
    }
    const bool get = std::string(endpoint.method) == "GET";
    std::set<std::string> seeds;
    std::size_t refused = 0;
    for (const json& fixed : variants(endpoint.request())) {
      for (const bool every_field : {false, true}) {
        Builder builder{every_field, 0};
        const json request = builder.object(endpoint.request(), nullptr, &fixed);
        std::string seed(1, static_cast<char>(kind));
        std::optional<tiktok_aigc::api::Violation> problem;
        if (get) {
          tiktok_aigc::api::QueryParams params;
          const std::string query = query_of(request, params);
          json read;
          problem = tiktok_aigc::api::check_query(endpoint, params, read);
          seed += query + "\n" + kToken + "\n";
        } else {
          problem = tiktok_aigc::api::check_body(endpoint, request);
          seed += std::string("\napplication/json\t") + kToken + "\n" + request.dump();
        }
        if (problem) {
          std::fprintf(stderr, "write_mock_seeds: %s: %s refused: %s\n", endpoint.name,
                       request.dump().c_str(), problem->message.c_str());
          ++refused;
          continue;
        }
        seeds.insert(seed);
      }
    }
    if (seeds.empty()) {
      std::fprintf(stderr, "write_mock_seeds: no seed for %s passes its rules\n", endpoint.name);
      status = 1;
    }
    int n = 0;
    for (const std::string& seed : seeds) {
      const std::string name = std::string("rules_") + endpoint.name + "_" + std::to_string(++n);
      for (int d = 1; d < argc; ++d) {
        std::filesystem::create_directories(argv[d]);
        std::ofstream(std::filesystem::path(argv[d]) / name, std::ios::binary) << seed;
      }
      ++written;
    }
    std::printf("%s: %zu seeds (%zu refused by its rules)\n", endpoint.name, seeds.size(), refused);
  }
  std::printf("write_mock_seeds: %zu seeds in each of %d directories\n", written, argc - 1);
  return status;
}

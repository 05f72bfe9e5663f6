// What the contract suites check answers with, held to the documents: every problem of a
// JSON answer collected with its path, the envelope, documented codes, times and state paths.
#pragma once

#include <gtest/gtest.h>

#include <ctime>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "target.hpp"

namespace contract::checks {

using nlohmann::json;

// An id no token created: 19 digits, like the API's.
inline constexpr const char* kUnknownId = "1000000000000000042";

// ---------------------------------------------------------------------------------------
// Checking JSON against the documents: every problem is collected with its JSON path, so
// one failure names everything that is off.
// ---------------------------------------------------------------------------------------

class Problems {
 public:
  void add(std::string problem) { list_.push_back(std::move(problem)); }
  bool empty() const { return list_.empty(); }
  std::string text() const {
    std::string out;
    for (const auto& problem : list_) out += "\n  " + problem;
    return out;
  }

  // The member `name` of `object` at `path`, or nullptr (and a problem when required).
  const json* member(const json& object, const std::string& path, const std::string& name,
                     bool required = true) {
    if (!object.is_object()) {
      add(path + ": expected an object, got " + object.dump().substr(0, 80));
      return nullptr;
    }
    const auto found = object.find(name);
    if (found == object.end()) {
      if (required) add(path + "." + name + ": missing");
      return nullptr;
    }
    return &*found;
  }
  const json* string(const json& object, const std::string& path, const std::string& name,
                     bool required = true, bool non_empty = true) {
    const json* value = member(object, path, name, required);
    if (value == nullptr) return nullptr;
    if (!value->is_string()) {
      add(path + "." + name + ": expected a string, got " + value->dump().substr(0, 80));
      return nullptr;
    }
    if (non_empty && value->get<std::string>().empty()) add(path + "." + name + ": empty");
    return value;
  }
  // Ids are strings (quirk 13), never JSON numbers: digits for tasks, videos and avatars in
  // the documents, v10033g50000... for uploads on the live API. Only their kind is the contract.
  void id(const json& object, const std::string& path, const std::string& name,
          bool required = true) {
    const json* value = string(object, path, name, required);
    if (value != nullptr) id_text(value->get<std::string>(), path + "." + name);
  }
  void id_text(const std::string& text, const std::string& at) {
    if (text.empty() || text.find_first_of(" \t\r\n") != std::string::npos) {
      add(at + ": expected an id, a non-empty string without spaces, got \"" + text + "\"");
    }
  }
  void one_of(const json& object, const std::string& path, const std::string& name,
              const std::set<std::string>& values) {
    const json* value = string(object, path, name);
    if (value != nullptr && values.count(value->get<std::string>()) == 0) {
      add(path + "." + name + ": \"" + value->get<std::string>() + "\" is not a documented value");
    }
  }
  const json* integer(const json& object, const std::string& path, const std::string& name) {
    const json* value = member(object, path, name);
    if (value != nullptr && !value->is_number_integer()) {
      add(path + "." + name + ": expected an integer, got " + value->dump().substr(0, 80));
      return nullptr;
    }
    return value;
  }
  const json* array(const json& object, const std::string& path, const std::string& name) {
    const json* value = member(object, path, name);
    if (value != nullptr && !value->is_array()) {
      add(path + "." + name + ": expected an array, got " + value->dump().substr(0, 80));
      return nullptr;
    }
    return value;
  }
  void url(const json& object, const std::string& path, const std::string& name) {
    const json* value = string(object, path, name);
    if (value == nullptr) return;
    const std::string text = value->get<std::string>();
    if (text.rfind("https://", 0) != 0 && text.rfind("http://", 0) != 0) {
      add(path + "." + name + ": expected an absolute http(s) URL, got \"" + text.substr(0, 80) +
          "\"");
    }
  }

 private:
  std::vector<std::string> list_;
};

// "YYYY-MM-DD HH:MM:SS" (UTC) that names a real moment.
inline bool is_documented_time(const std::string& text) {
  static const std::regex pattern(R"(^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$)");
  if (!std::regex_match(text, pattern)) return false;
  std::tm parts{};
  const char* end = strptime(text.c_str(), "%Y-%m-%d %H:%M:%S", &parts);
  if (end == nullptr || *end != '\0') return false;
  std::tm round_trip{};
  const std::time_t seconds = timegm(&parts);
  gmtime_r(&seconds, &round_trip);
  char again[32];
  std::strftime(again, sizeof again, "%Y-%m-%d %H:%M:%S", &round_trip);
  return text == again;  // 2024-02-30 would come back as 2024-03-01
}

// The documented envelope: HTTP 200, JSON, code int, message string, request_id a
// non-empty string, data an object or an array (present on success; on an error it is
// "usually {}", so only its type is checked when present).
inline ::testing::AssertionResult has_envelope(const Answer& answer) {
  if (answer.http_status != 200)
    return ::testing::AssertionFailure() << "not HTTP 200: " << answer.describe();
  if (!answer.json.is_object())
    return ::testing::AssertionFailure() << "not a JSON object: " << answer.describe();
  Problems problems;
  problems.integer(answer.json, "envelope", "code");
  problems.string(answer.json, "envelope", "message", true, false);
  problems.string(answer.json, "envelope", "request_id");
  const json* data = problems.member(answer.json, "envelope", "data", answer.code() == 0);
  if (data != nullptr && !data->is_object() && !data->is_array()) {
    problems.add("envelope.data: expected an object or an array, got " +
                 data->dump().substr(0, 80));
  }
  if (!problems.empty())
    return ::testing::AssertionFailure() << problems.text() << "\n" << answer.describe();
  return ::testing::AssertionSuccess();
}

inline ::testing::AssertionResult succeeded(const Answer& answer) {
  ::testing::AssertionResult envelope = has_envelope(answer);
  if (!envelope) return envelope;
  if (answer.code() != 0)
    return ::testing::AssertionFailure() << "code " << answer.code() << ": " << answer.describe();
  return ::testing::AssertionSuccess();
}

// The documented code for a documented bad request, in the documented envelope.
inline ::testing::AssertionResult answered_code(const Answer& answer, int code) {
  ::testing::AssertionResult envelope = has_envelope(answer);
  if (!envelope) return envelope;
  if (answer.code() != code) {
    return ::testing::AssertionFailure()
           << "expected code " << code << ", got " << answer.code() << ": " << answer.describe();
  }
  return ::testing::AssertionSuccess();
}

// page_info: integers, the page asked for, total_page == ceil(total_number / page_size), and
// a first page holding min(page_size, total_number) items.
inline void check_page(const json& data, int page, int page_size, Problems& problems) {
  const json* list = problems.array(data, "data", "list");
  const json* info = problems.member(data, "data", "page_info");
  if (info == nullptr) return;
  const json* p = problems.integer(*info, "data.page_info", "page");
  const json* size = problems.integer(*info, "data.page_info", "page_size");
  const json* total = problems.integer(*info, "data.page_info", "total_number");
  const json* pages = problems.integer(*info, "data.page_info", "total_page");
  if (p == nullptr || size == nullptr || total == nullptr || pages == nullptr) return;
  if (p->get<long long>() != page)
    problems.add("data.page_info.page: " + p->dump() + ", asked for " + std::to_string(page));
  if (size->get<long long>() != page_size) {
    problems.add("data.page_info.page_size: " + size->dump() + ", asked for " +
                 std::to_string(page_size));
  }
  if (total->get<long long>() < 0) problems.add("data.page_info.total_number: negative");
  if (size->get<long long>() > 0) {
    const long long expected =
        (total->get<long long>() + size->get<long long>() - 1) / size->get<long long>();
    if (pages->get<long long>() != expected) {
      problems.add("data.page_info.total_page: " + pages->dump() + ", but ceil(" + total->dump() +
                   " / " + size->dump() + ") is " + std::to_string(expected));
    }
  }
  if (list != nullptr && page == 1) {
    const auto expected = std::min<long long>(size->get<long long>(), total->get<long long>());
    if (static_cast<long long>(list->size()) != expected) {
      problems.add("data.list: " + std::to_string(list->size()) +
                   " items on page 1, page_info says " + std::to_string(expected));
    }
  }
}

// Each state's place in the documented order; -1: not documented.
inline int video_rank(const std::string& state) {
  if (state == "SUBMITTED") return 0;
  if (state == "PROCESSING") return 1;
  if (state == "SUCCESS" || state == "FAILED") return 2;
  return -1;
}
inline int script_rank(const std::string& state) {
  if (state == "SUBMITTED") return 0;
  if (state == "PROCESSING") return 1;
  if (state == "PARTIAL_SUCCESS") return 2;
  if (state == "SUCCESS" || state == "FAILED") return 3;
  return -1;
}

// Only documented states, never going back, nothing after a terminal one.
inline ::testing::AssertionResult documented_path(const std::vector<std::string>& states,
                                           int (*rank)(const std::string&), int terminal_rank) {
  std::string shown;
  for (const auto& state : states) shown += (shown.empty() ? "" : " -> ") + state;
  if (states.empty()) return ::testing::AssertionFailure() << "no state seen";
  int last = -1;
  for (std::size_t i = 0; i < states.size(); ++i) {
    const int r = rank(states[i]);
    if (r < 0)
      return ::testing::AssertionFailure() << "undocumented state " << states[i] << " in " << shown;
    if (r < last)
      return ::testing::AssertionFailure() << "went back to " << states[i] << " in " << shown;
    if (last == terminal_rank && states[i] != states[i - 1]) {
      return ::testing::AssertionFailure() << "left a terminal state in " << shown;
    }
    last = r;
  }
  if (last != terminal_rank)
    return ::testing::AssertionFailure() << "did not end SUCCESS or FAILED: " << shown;
  return ::testing::AssertionSuccess() << shown;
}

}  // namespace contract::checks

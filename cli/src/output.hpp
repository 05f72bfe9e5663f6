// What a command prints: one JSON document on stdout with --json (fit for jq), otherwise
// readable text; errors on stderr either way.
#pragma once

#include <functional>
#include <iosfwd>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tiktok_aigc.hpp"

namespace tiktok_aigc::cli {

class Output {
 public:
  Output(bool json, std::ostream& out, std::ostream& err) : json_(json), out_(out), err_(err) {}

  bool json() const { return json_; }
  std::ostream& err() { return err_; }

  // The command's result and its exit code. With --json, `document` (with an "error"
  // member when `status` is an error); otherwise what `human` writes. An error is also said
  // on stderr, and gives the exit code of its category.
  int finish(nlohmann::json document, const std::function<void(std::ostream&)>& human,
             const Status& status = {});
  // A call that failed before there was anything to show.
  int fail(const Status& status) { return finish(nlohmann::json::object(), nullptr, status); }
  // A command line that cannot be run: said on stderr; with --json, as the document's error.
  int usage_error(const std::string& message);

 private:
  bool json_;
  std::ostream& out_;
  std::ostream& err_;
};

// Columns aligned on their widest cell (counted in characters, not bytes); the last column
// is not padded, so long URLs there do not widen every line. No rows print nothing.
class Table {
 public:
  explicit Table(std::vector<std::string> headers) : headers_(std::move(headers)) {}
  void add(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }
  void print(std::ostream& out) const;

 private:
  std::vector<std::string> headers_;
  std::vector<std::vector<std::string>> rows_;
};

// "a" when there is one, else "-": an absent value in a table.
std::string or_dash(const std::optional<std::string>& value);

}  // namespace tiktok_aigc::cli

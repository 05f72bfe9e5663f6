#include "output.hpp"

#include <algorithm>
#include <ostream>

#include "exit_codes.hpp"

namespace tiktok_aigc::cli {
namespace {

nlohmann::json error_json(const Status& status) {
  nlohmann::json error = {{"category", to_string(status.category)}, {"message", status.message}};
  if (status.api_code != 0) error["code"] = status.api_code;
  if (!status.request_id.empty()) error["request_id"] = status.request_id;
  if (status.http_status != 0) error["http_status"] = status.http_status;
  return error;
}

// Text from the API may hold anything; what is printed is valid UTF-8 either way.
std::string dump(const nlohmann::json& document) {
  return document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::size_t characters(const std::string& text) {
  // UTF-8 continuation bytes (10xxxxxx) do not start a character.
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

}  // namespace

int Output::finish(nlohmann::json document, const std::function<void(std::ostream&)>& human,
                   const Status& status) {
  if (json_) {
    if (!status.ok()) document["error"] = error_json(status);
    out_ << dump(document) << '\n';
  } else if (human) {
    human(out_);
  }
  out_.flush();
  if (status.ok()) return 0;
  err_ << "error: " << status.to_string() << '\n';
  return exit_code_for(status.category);
}

int Output::usage_error(const std::string& message) {
  if (json_) {
    out_ << dump({{"error", {{"category", "usage"}, {"message", message}}}}) << '\n';
    out_.flush();
  }
  err_ << "error: " << message << '\n';
  return kUsageError;
}

void Table::print(std::ostream& out) const {
  if (rows_.empty()) return;
  std::vector<std::size_t> widths(headers_.size(), 0);
  const auto measure = [&widths](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size() && i < widths.size(); ++i) {
      widths[i] = std::max(widths[i], characters(cells[i]));
    }
  };
  measure(headers_);
  for (const auto& row : rows_) measure(row);
  const auto print_row = [&](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size() && i < widths.size(); ++i) {
      out << cells[i];
      if (i + 1 < cells.size()) out << std::string(widths[i] - characters(cells[i]) + 2, ' ');
    }
    out << '\n';
  };
  print_row(headers_);
  for (const auto& row : rows_) print_row(row);
}

std::string or_dash(const std::optional<std::string>& value) {
  return value && !value->empty() ? *value : "-";
}

}  // namespace tiktok_aigc::cli

#include "dashboard.hpp"

#include <string>
#include <string_view>

#include "control_api.hpp"
#include "dashboard_files.hpp"

namespace tiktok_aigc::mock {
namespace {

constexpr std::string_view kIndexFile = "index.html";

// Nothing from elsewhere and nothing inline: should a client-sent string in the journal ever
// reach the page as markup, it still could not run or call out.
constexpr const char* kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const EmbeddedFile* find_file(std::string_view name) {
  for (std::size_t i = 0; i < kDashboardFileCount; ++i) {
    if (kDashboardFiles[i].name == name) return &kDashboardFiles[i];
  }
  return nullptr;
}

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

std::string content_type_of(std::string_view name) {
  if (ends_with(name, ".html")) return "text/html; charset=utf-8";
  if (ends_with(name, ".css")) return "text/css; charset=utf-8";
  if (ends_with(name, ".js")) return "text/javascript; charset=utf-8";
  if (ends_with(name, ".svg")) return "image/svg+xml";
  return "application/octet-stream";
}

}  // namespace

std::optional<Answer> serve_dashboard(const httplib::Request& req, httplib::Response& res) {
  if (req.method != "GET" && req.method != "HEAD") return std::nullopt;
  const std::string_view prefix = kControlPrefix;  // "/__mock__/"
  const std::string_view path = req.path;
  if (path == prefix.substr(0, prefix.size() - 1)) {
    // The page's links are relative to /__mock__/.
    res.set_header("Location", std::string(prefix));
    Answer moved;
    moved.http_status = 308;
    moved.body = "the dashboard is at " + std::string(prefix);
    moved.content_type = "text/plain; charset=utf-8";
    return moved;
  }
  if (path.rfind(prefix, 0) != 0) return std::nullopt;
  std::string_view name = path.substr(prefix.size());
  if (name.empty()) name = kIndexFile;
  const EmbeddedFile* file = find_file(name);
  if (!file) return std::nullopt;

  res.set_header("Content-Security-Policy", kContentSecurityPolicy);
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("Cache-Control", "no-store");  // a rebuilt mock serves its own page
  Answer answer;  // no message: the request log would print the whole page
  answer.body = std::string(file->bytes);
  answer.content_type = content_type_of(name);
  return answer;
}

}  // namespace tiktok_aigc::mock

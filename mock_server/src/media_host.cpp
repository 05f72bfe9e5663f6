#include "media_host.hpp"

#include "sample_video.hpp"

namespace tiktok_aigc::mock {

std::string media_url(const std::string& base, const std::string& video_id, const Preview& preview) {
  return base + kMediaPrefix + video_id + ".mp4?expires=" + std::to_string(preview.expires_unix) +
         "&signature=" + preview.signature;
}

Answer serve_media(MockState& mock, const httplib::Request& req, httplib::Response& res) {
  if (req.method != "GET" && req.method != "HEAD") {
    res.set_header("Allow", "GET, HEAD");
    return plain(405, "method not allowed");
  }
  std::string name = req.path.substr(std::string(kMediaPrefix).size());
  const std::string suffix = ".mp4";
  if (name.size() <= suffix.size() ||
      name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0) {
    return plain(404, "not found");
  }
  name.resize(name.size() - suffix.size());
  const auto preview = mock.store.preview(name);
  const TimePoint now = mock.clock.now();
  if (!preview || now < preview->created) return plain(404, "not found");
  if (req.get_param_value("expires") != std::to_string(preview->expires_unix) ||
      req.get_param_value("signature") != preview->signature) {
    return plain(403, "AccessDenied: the signature does not match");
  }
  if (now >= preview->expires) {
    return plain(403, "AccessDenied: the URL expired at " + format_iso8601(preview->expires) +
                          " (a preview_url is valid for six hours)");
  }
  return plain(200, sample_mp4(), "video/mp4");
}

}  // namespace tiktok_aigc::mock

#include "media_host.hpp"

#include <optional>

#include "avatar_catalogue.hpp"
#include "sample_video.hpp"

namespace tiktok_aigc::mock {
namespace {

struct MediaShape {
  Media media;
  const char* folder;  // under kMediaPrefix
  const char* suffix;  // after the name
  const char* expires_param;
  const char* signature_param;
  bool image;
};

// The preview keeps the form earlier versions handed out; the others follow the live hosts'.
constexpr MediaShape kShapes[] = {
    {Media::preview, "preview/", ".mp4", "expires", "signature", false},
    {Media::cover, "cover/", "~tplv-noop.image", "x-expires", "x-signature", true},
    {Media::avatar_thumbnail, "avatar/", "_cover", "x-expires", "x-signature", true},
    {Media::avatar_demo, "avatar/", "_video", "x-expires", "x-signature", false},
};

const MediaShape& shape_of(Media media) {
  for (const MediaShape& shape : kShapes) {
    if (shape.media == media) return shape;
  }
  return kShapes[0];
}

long long unix_seconds(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

bool ends_with(const std::string& text, const std::string& end) {
  return text.size() > end.size() && text.compare(text.size() - end.size(), end.size(), end) == 0;
}

}  // namespace

std::string media_url(const std::string& base, const Store& store, Media media, const std::string& name,
                      TimePoint expires) {
  const MediaShape& shape = shape_of(media);
  const std::string path = std::string(shape.folder) + name + shape.suffix;
  const long long expires_unix = unix_seconds(expires);
  return base + kMediaPrefix + path + "?" + shape.expires_param + "=" + std::to_string(expires_unix) + "&" +
         shape.signature_param + "=" + store.sign(path, expires_unix);
}

Answer serve_media(MockState& mock, const httplib::Request& req, httplib::Response& res) {
  if (req.method != "GET" && req.method != "HEAD") {
    res.set_header("Allow", "GET, HEAD");
    return plain(405, "method not allowed");
  }
  if (req.path == kSampleVideoPath) return plain(200, sample_mp4(), "video/mp4");
  if (req.path == kSampleImagePath) return plain(200, sample_png(), "image/png");
  const std::string path = req.path.substr(std::string(kMediaPrefix).size());
  const TimePoint now = mock.clock.now();
  for (const MediaShape& shape : kShapes) {
    const std::string folder = shape.folder;
    if (path.rfind(folder, 0) != 0 || !ends_with(path, shape.suffix)) continue;
    const std::string name =
        path.substr(folder.size(), path.size() - folder.size() - std::string(shape.suffix).size());
    // Since when it exists: a catalogue asset always has.
    std::optional<TimePoint> since;
    if (shape.media == Media::avatar_thumbnail || shape.media == Media::avatar_demo) {
      if (find_avatar_by_asset_key(name)) since = TimePoint{};
    } else {
      since = mock.store.video_created(name);
    }
    if (!since || now < *since) return plain(404, "not found");
    const std::string expires = req.get_param_value(shape.expires_param);
    // Decimal digits as the mock writes them: no sign, no leading zero.
    const bool canonical = !expires.empty() && expires.size() < 19 && expires[0] != '0' &&
                           expires.find_first_not_of("0123456789") == std::string::npos;
    if (!canonical || req.get_param_value(shape.signature_param) != mock.store.sign(path, std::stoll(expires))) {
      return plain(403, "AccessDenied: the signature does not match");
    }
    const long long expires_unix = std::stoll(expires);  // signed by the mock: within range
    if (unix_seconds(now) >= expires_unix) {
      return plain(403, "AccessDenied: the URL expired at " +
                            format_iso8601(TimePoint(std::chrono::seconds(expires_unix))) +
                            " (media URLs are valid for six hours)");
    }
    return shape.image ? plain(200, sample_png(), "image/png") : plain(200, sample_mp4(), "video/mp4");
  }
  return plain(404, "not found");
}

}  // namespace tiktok_aigc::mock

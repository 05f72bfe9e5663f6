// The media host: what the mock's answers link to (the videos its tasks make, their covers,
// the avatar catalogue's thumbnails and demo videos), served at signed URLs that expire
// after six hours, as the live API's are.
#pragma once

#include <httplib.h>

#include <string>

#include "answers.hpp"
#include "mock_state.hpp"
#include "records.hpp"

namespace tiktok_aigc::mock {

inline constexpr const char* kMediaPrefix = "/media/";
// Sample files any request may name (an upload, an image to animate, a video to dub), so that
// a client can be tried with no media of its own. Unsigned, and never expiring.
inline constexpr const char* kSampleVideoPath = "/media/samples/video.mp4";
inline constexpr const char* kSampleImagePath = "/media/samples/image.png";

enum class Media {
  preview,           // a made video: /media/preview/<video id>.mp4?expires=..&signature=..
  cover,             // its cover image: /media/cover/<video id>~tplv-noop.image?x-expires=..&x-signature=..
  avatar_thumbnail,  // /media/avatar/<asset key>_cover?x-expires=..&x-signature=..
  avatar_demo,       // /media/avatar/<asset key>_video?x-expires=..&x-signature=..
};

// The signed URL under `base` (e.g. http://127.0.0.1:8080) of `name` (a video id or an
// avatar's asset key), valid until `expires`.
std::string media_url(const std::string& base, const Store& store, Media media, const std::string& name,
                      TimePoint expires);

// A GET of a media URL or a sample file: the sample video or image; 403 when expired or not
// signed right; 404.
Answer serve_media(MockState& mock, const httplib::Request& req, httplib::Response& res);

}  // namespace tiktok_aigc::mock

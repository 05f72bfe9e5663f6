// The media host: the previews the mock's tasks make, served at signed URLs that expire
// after six hours, as the live API's are.
#pragma once

#include <httplib.h>

#include <string>

#include "answers.hpp"
#include "mock_state.hpp"
#include "records.hpp"

namespace tiktok_aigc::mock {

inline constexpr const char* kMediaPrefix = "/media/preview/";

// The signed URL of a video's preview under `base` (e.g. http://127.0.0.1:8080).
std::string media_url(const std::string& base, const std::string& video_id, const Preview& preview);

// A GET of a preview URL: the sample video, 403 when expired or not signed right, 404.
Answer serve_media(MockState& mock, const httplib::Request& req, httplib::Response& res);

}  // namespace tiktok_aigc::mock

// Client-side checks: every documented rule at its boundary (the last valid value passes,
// the first invalid one gives the exact code and message), and parity with the mock: the
// same typed requests, sent with to_body()/to_query() over plain httplib, get from the mock
// the code and message the client-side check gives (0 and "OK" when it finds nothing).

#include <gtest/gtest.h>
#include <httplib.h>

#include <cmath>
#include <functional>
#include <limits>
#include <cctype>
#include <optional>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "client_test_support.hpp"
#include "tiktok_aigc/mock/mock_server.hpp"
#include "tiktok_aigc/tiktok_aigc.hpp"

namespace tiktok_aigc {
namespace {

using nlohmann::json;

// ---------------------------------------------------------------------------------------
// Tables: a change to a valid request, and what check() must answer
// ---------------------------------------------------------------------------------------

// Ids the valid requests refer to: fake ones for check() alone, real ones in the mock.
struct Ids {
  std::vector<std::string> videos;  // 25 uploaded videos
  std::vector<std::string> tasks;   // 6 VOICEOVER video tasks
  std::string script_task;
};

Ids fake_ids() {
  Ids ids;
  for (int i = 0; i < 25; ++i) ids.videos.push_back(std::to_string(7300000000000000000ull + i));
  for (int i = 0; i < 6; ++i) ids.tasks.push_back(std::to_string(7400000000000000000ull + i));
  ids.script_task = "7500000000000000000";
  return ids;
}

template <typename Request>
struct Case {
  Case(std::string case_name, std::function<void(Request&)> change_request, int api_code = 0,
       std::string api_message = {})
      : name(std::move(case_name)),
        change(std::move(change_request)),
        code(api_code),
        message(std::move(api_message)) {}

  std::string name;
  std::function<void(Request&)> change;
  int code;             // 0: valid
  std::string message;  // exact, when invalid
};

std::string repeat(const std::string& unit, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i) out += unit;
  return out;
}

std::vector<std::string> image_urls(std::size_t n) {
  std::vector<std::string> urls;
  for (std::size_t i = 0; i < n; ++i) {
    urls.push_back("https://cdn.example.com/img/" + std::to_string(i) + ".png");
  }
  return urls;
}

std::vector<std::string> first(const std::vector<std::string>& ids, std::size_t n) {
  return std::vector<std::string>(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(n));
}

std::vector<std::string> points(std::size_t n) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < n; ++i) out.push_back("Point " + std::to_string(i + 1));
  return out;
}

constexpr const char* kUrlRule =
    "must be an absolute http(s) URL with every space and special character percent-encoded, got ";

// ---- upload ----------------------------------------------------------------------------

UploadVideoRequest valid_upload(const Ids&) {
  UploadVideoRequest request;
  request.video_url = "https://cdn.example.com/videos/clip.mp4";
  return request;
}

std::vector<Case<UploadVideoRequest>> upload_cases(const Ids&) {
  using R = UploadVideoRequest;
  const auto url = [](std::string value) { return [value](R& r) { r.video_url = value; }; };
  // 2048 characters in all, the most a URL may have.
  const std::string longest = "https://cdn.example.com/" + std::string(2048 - 28, 'a') + ".mp4";
  // An invalid URL (é is not sent as is by browsers) with é split by the 57-byte cut.
  const std::string split = "https://cdn.example.com/" + std::string(31, 'a') + "\xC3\xA9" +
                            std::string(20, 'b') + ".mp4";
  return {
      {"valid", [](R&) {}},
      {"upload_type empty", [](R& r) { r.upload_type = UploadType(""); }, 40002,
       "upload_type: must not be empty"},
      {"upload_type unknown", [](R& r) { r.upload_type = UploadType("UPLOAD_BY_FILE"); }, 40002,
       R"(upload_type: must be one of UPLOAD_BY_URL, got "UPLOAD_BY_FILE")"},
      {"use_scenario empty", [](R& r) { r.use_scenario = UseScenario(""); }, 40002,
       "use_scenario: must not be empty"},
      {"use_scenario unknown", [](R& r) { r.use_scenario = UseScenario("ADS"); }, 40002,
       R"(use_scenario: must be one of AIGC, got "ADS")"},
      {"first violation: upload_type before use_scenario",
       [](R& r) {
         r.upload_type = UploadType("X");
         r.use_scenario = UseScenario("Y");
       },
       40002, R"(upload_type: must be one of UPLOAD_BY_URL, got "X")"},
      {"video_url empty", url(""), 40002, "video_url: must not be empty"},
      {"video_url http", url("http://cdn.example.com/a.mp4")},
      {"video_url port and query", url("https://cdn.example.com:8443/a.mp4?sig=a%2Fb&x=1")},
      {"video_url ftp", url("ftp://cdn.example.com/a.mp4"), 40002,
       std::string("video_url: ") + kUrlRule + R"("ftp://cdn.example.com/a.mp4")"},
      {"video_url without scheme", url("cdn.example.com/a.mp4"), 40002,
       std::string("video_url: ") + kUrlRule + R"("cdn.example.com/a.mp4")"},
      {"video_url encoded space", url("https://cdn.example.com/my%20clip.mp4")},
      {"video_url raw space", url("https://cdn.example.com/my clip.mp4"), 40002,
       std::string("video_url: ") + kUrlRule + R"("https://cdn.example.com/my clip.mp4")"},
      {"video_url broken escape", url("https://cdn.example.com/a%2.mp4"), 40002,
       std::string("video_url: ") + kUrlRule + R"("https://cdn.example.com/a%2.mp4")"},
      {"video_url 2048 characters", url(longest)},
      {"video_url 2049 characters", url(longest + "4"), 40002,
       std::string("video_url: ") + kUrlRule + "\"https://cdn.example.com/" + std::string(32, 'a') +
           "..."},
      {"video_url cut before a split character", url(split), 40002,
       std::string("video_url: ") + kUrlRule + "\"https://cdn.example.com/" + std::string(31, 'a') +
           "..."},
      // Format: .mp4, .mov, .mpeg, .avi, by the path's extension (40908)
      {"extension mov", url("https://cdn.example.com/a.mov")},
      {"extension mpeg", url("https://cdn.example.com/a.mpeg")},
      {"extension avi upper case", url("https://cdn.example.com/A.AVI")},
      {"extension txt", url("https://cdn.example.com/a.txt"), 40908,
       R"(video_url: the file must be .mp4, .mov, .mpeg or .avi, and the URL's path "/a.txt" has none of these extensions)"},
      {"extension only in the query", url("https://cdn.example.com/a.mp4.txt?f=.mp4"), 40908,
       R"(video_url: the file must be .mp4, .mov, .mpeg or .avi, and the URL's path "/a.mp4.txt" has none of these extensions)"},
      {"no path", url("https://cdn.example.com"), 40908,
       R"(video_url: the file must be .mp4, .mov, .mpeg or .avi, and the URL's path "/" has none of these extensions)"},
  };
}

// ---- video task create -----------------------------------------------------------------

CreateVideoTaskRequest valid_video_task(const Ids& ids) {
  CreateVideoTaskRequest request;
  request.aigc_video_type = AigcVideoType::voiceover();
  auto& info = request.product_video_info;
  info.target_language = TargetLanguage::en();
  VideoProductInfo product;
  product.source_language = "en";
  product.product_name = "Glow Serum";
  product.title = "Glow all day";
  product.description = "A light serum for every skin.";
  product.selling_points = {"New Customer Discount", "50% Off Summer Special"};
  product.brand = "Lumi";
  product.price = 12.98;
  product.currency = "USD";
  info.product_info_list = {product};
  info.video_id_list = first(ids.videos, 2);
  return request;
}

std::vector<Case<CreateVideoTaskRequest>> video_task_cases(const Ids& ids) {
  using R = CreateVideoTaskRequest;
  const std::string pvi = "product_video_info";
  const std::string product = pvi + ".product_info_list[0]";
  const auto on_product = [](std::function<void(VideoProductInfo&)> change) {
    return [change](R& r) { change(r.product_video_info.product_info_list.at(0)); };
  };
  const auto avatar = [](R& r) {
    r.aigc_video_type = AigcVideoType::avatar_product();
    r.product_video_info.image_url_list = image_urls(3);
    r.product_video_info.avatar_id = "7100000000000000001";
  };
  const auto stock = [](R& r) { r.aigc_video_type = AigcVideoType::stock_video(); };
  const auto both = [](std::function<void(R&)> a, std::function<void(R&)> b) {
    return [a, b](R& r) {
      a(r);
      b(r);
    };
  };
  const std::string types = "STOCK_VIDEO, AVATAR_PRODUCT, VOICEOVER, DUBBING";
  return {
      {"valid VOICEOVER", [](R&) {}},
      {"valid STOCK_VIDEO", stock},
      {"valid AVATAR_PRODUCT", avatar},
      {"AVATAR_PRODUCT without stock videos",
       both(avatar, [](R& r) { r.product_video_info.video_id_list.reset(); })},
      // dubbing_video_info: DUBBING only, neither sent nor checked for the product types
      {"VOICEOVER with six invalid dubbing videos",
       [](R& r) { r.dubbing_video_info.assign(6, DubbingVideoInfo{"ftp://x", DubbingLanguage("xx"), {}, {}, {}, {}}); }},
      {"STOCK_VIDEO with an invalid dubbing video",
       both(stock, [](R& r) { r.dubbing_video_info.assign(1, DubbingVideoInfo{}); })},
      // aigc_video_type
      {"aigc_video_type empty", [](R& r) { r.aigc_video_type = AigcVideoType(); }, 40002,
       "aigc_video_type: must not be empty"},
      {"aigc_video_type unknown", [](R& r) { r.aigc_video_type = AigcVideoType("HOLOGRAM"); }, 40002,
       "aigc_video_type: must be one of " + types + R"(, got "HOLOGRAM")"},
      {"aigc_video_type lower case", [](R& r) { r.aigc_video_type = AigcVideoType("voiceover"); },
       40002, "aigc_video_type: must be one of " + types + R"(, got "voiceover")"},
      // video_generation_count: 1-5
      {"count 1", [](R& r) { r.product_video_info.video_generation_count = 1; }},
      {"count 5", [](R& r) { r.product_video_info.video_generation_count = 5; }},
      {"count 0", [](R& r) { r.product_video_info.video_generation_count = 0; }, 40002,
       pvi + ".video_generation_count: must be between 1 and 5, got 0"},
      {"count 6", [](R& r) { r.product_video_info.video_generation_count = 6; }, 40002,
       pvi + ".video_generation_count: must be between 1 and 5, got 6"},
      {"count -1", [](R& r) { r.product_video_info.video_generation_count = -1; }, 40002,
       pvi + ".video_generation_count: must be between 1 and 5, got -1"},
      // target_language: AVATAR_PRODUCT and VOICEOVER; ignored for STOCK_VIDEO
      {"target_language es",
       [](R& r) { r.product_video_info.target_language = TargetLanguage::es(); }},
      {"target_language absent", [](R& r) { r.product_video_info.target_language.reset(); }},
      {"target_language xx",
       [](R& r) { r.product_video_info.target_language = TargetLanguage("xx"); }, 40002,
       pvi + R"(.target_language: must be one of en, fr, de, id, es, got "xx")"},
      {"target_language empty",
       [](R& r) { r.product_video_info.target_language = TargetLanguage(""); }, 40002,
       pvi + R"(.target_language: must be one of en, fr, de, id, es, got "")"},
      {"target_language xx AVATAR_PRODUCT",
       both(avatar, [](R& r) { r.product_video_info.target_language = TargetLanguage("xx"); }),
       40002, pvi + R"(.target_language: must be one of en, fr, de, id, es, got "xx")"},
      {"target_language xx STOCK_VIDEO ignored",
       both(stock, [](R& r) { r.product_video_info.target_language = TargetLanguage("xx"); })},
      // product_info_list: required, one item
      {"product_info_list empty", [](R& r) { r.product_video_info.product_info_list.clear(); },
       40002, pvi + ".product_info_list: must not be empty"},
      {"product_info_list two items",
       [](R& r) {
         auto& list = r.product_video_info.product_info_list;
         list.push_back(list[0]);
       },
       40002, pvi + ".product_info_list: must hold exactly 1 item, got 2"},
      // source_language: required, free text (quirk 7)
      {"source_language free text",
       on_product([](VideoProductInfo& p) { p.source_language = "pt-BR"; })},
      {"source_language empty", on_product([](VideoProductInfo& p) { p.source_language = ""; }),
       40002, product + ".source_language: must not be empty"},
      // product_name 500, title 500, description 300 characters (quirk 9)
      {"product_name empty", on_product([](VideoProductInfo& p) { p.product_name = ""; }), 40002,
       product + ".product_name: must not be empty"},
      {"product_name 500",
       on_product([](VideoProductInfo& p) { p.product_name = std::string(500, 'a'); })},
      {"product_name 501",
       on_product([](VideoProductInfo& p) { p.product_name = std::string(501, 'a'); }), 40002,
       product + ".product_name: must be at most 500 characters, got 501"},
      {"product_name 500 two-byte characters",
       on_product([](VideoProductInfo& p) { p.product_name = repeat("\xC3\xA9", 500); })},
      {"product_name 501 two-byte characters",
       on_product([](VideoProductInfo& p) { p.product_name = repeat("\xC3\xA9", 501); }), 40002,
       product + ".product_name: must be at most 500 characters, got 501"},
      {"title empty", on_product([](VideoProductInfo& p) { p.title = ""; }), 40002,
       product + ".title: must not be empty"},
      {"title 500 emoji",
       on_product([](VideoProductInfo& p) { p.title = repeat("\xF0\x9F\x98\x80", 500); })},
      {"title 501", on_product([](VideoProductInfo& p) { p.title = std::string(501, 'a'); }), 40002,
       product + ".title: must be at most 500 characters, got 501"},
      {"description empty", on_product([](VideoProductInfo& p) { p.description = ""; }), 40002,
       product + ".description: must not be empty"},
      {"description 300",
       on_product([](VideoProductInfo& p) { p.description = std::string(300, 'a'); })},
      {"description 301",
       on_product([](VideoProductInfo& p) { p.description = std::string(301, 'a'); }), 40002,
       product + ".description: must be at most 300 characters, got 301"},
      // selling_points: required, 1-10, each non-empty
      {"selling_points empty", on_product([](VideoProductInfo& p) { p.selling_points.clear(); }),
       40002, product + ".selling_points: must not be empty"},
      {"selling_points 1", on_product([](VideoProductInfo& p) { p.selling_points = points(1); })},
      {"selling_points 10", on_product([](VideoProductInfo& p) { p.selling_points = points(10); })},
      {"selling_points 11", on_product([](VideoProductInfo& p) { p.selling_points = points(11); }),
       40002, product + ".selling_points: must hold between 1 and 10 items, got 11"},
      {"selling point empty", on_product([](VideoProductInfo& p) { p.selling_points[1] = ""; }),
       40002, product + ".selling_points[1]: must not be empty"},
      // brand 100 characters, optional
      {"brand empty", on_product([](VideoProductInfo& p) { p.brand = ""; })},
      {"brand absent", on_product([](VideoProductInfo& p) { p.brand.reset(); })},
      {"brand 100", on_product([](VideoProductInfo& p) { p.brand = std::string(100, 'b'); })},
      {"brand 101", on_product([](VideoProductInfo& p) { p.brand = std::string(101, 'b'); }), 40002,
       product + ".brand: must be at most 100 characters, got 101"},
      // price >= 0
      {"price 0", on_product([](VideoProductInfo& p) { p.price = 0.0; })},
      {"price -0.01", on_product([](VideoProductInfo& p) { p.price = -0.01; }), 40002,
       product + ".price: must be at least 0, got -0.01"},
      {"price -2", on_product([](VideoProductInfo& p) { p.price = -2.0; }), 40002,
       product + ".price: must be at least 0, got -2.0"},
      // currency: ISO 4217
      {"currency EUR", on_product([](VideoProductInfo& p) { p.currency = "EUR"; })},
      {"currency lower case", on_product([](VideoProductInfo& p) { p.currency = "usd"; }), 40002,
       product + R"(.currency: must be an ISO 4217 code of three upper-case letters, got "usd")"},
      {"currency two letters", on_product([](VideoProductInfo& p) { p.currency = "US"; }), 40002,
       product + R"(.currency: must be an ISO 4217 code of three upper-case letters, got "US")"},
      {"currency four letters", on_product([](VideoProductInfo& p) { p.currency = "USDT"; }), 40002,
       product + R"(.currency: must be an ISO 4217 code of three upper-case letters, got "USDT")"},
      // input_image_list: required for AVATAR_PRODUCT; 3-30 URLs
      {"AVATAR_PRODUCT without images",
       both(avatar, [](R& r) { r.product_video_info.image_url_list.reset(); }), 40002,
       "Missing required field(s): " + pvi +
           ".input_image_list (required when aigc_video_type is AVATAR_PRODUCT)"},
      {"images empty", both(avatar, [](R& r) { r.product_video_info.image_url_list->clear(); }),
       40002, pvi + ".input_image_list.image_url_list: must not be empty"},
      {"images 2", both(avatar, [](R& r) { r.product_video_info.image_url_list = image_urls(2); }),
       40002, pvi + ".input_image_list.image_url_list: must hold between 3 and 30 items, got 2"},
      {"images 30",
       both(avatar, [](R& r) { r.product_video_info.image_url_list = image_urls(30); })},
      {"images 31",
       both(avatar, [](R& r) { r.product_video_info.image_url_list = image_urls(31); }), 40002,
       pvi + ".input_image_list.image_url_list: must hold between 3 and 30 items, got 31"},
      // Invalid image URLs are documented as unused, not refused.
      {"image URL invalid",
       both(avatar, [](R& r) { r.product_video_info.image_url_list->at(2) = "img.png"; })},
      {"image URL empty",
       both(avatar, [](R& r) { r.product_video_info.image_url_list->at(0) = ""; }), 40002,
       pvi + ".input_image_list.image_url_list[0]: must not be empty"},
      {"images on VOICEOVER are checked too",
       [](R& r) { r.product_video_info.image_url_list = image_urls(2); }, 40002,
       pvi + ".input_image_list.image_url_list: must hold between 3 and 30 items, got 2"},
      // input_video_list: required for STOCK_VIDEO and VOICEOVER; 1-20 ids (40011 above)
      {"VOICEOVER without videos", [](R& r) { r.product_video_info.video_id_list.reset(); }, 40002,
       "Missing required field(s): " + pvi +
           ".input_video_list (required when aigc_video_type is STOCK_VIDEO or VOICEOVER)"},
      {"STOCK_VIDEO without videos",
       both(stock, [](R& r) { r.product_video_info.video_id_list.reset(); }), 40002,
       "Missing required field(s): " + pvi +
           ".input_video_list (required when aigc_video_type is STOCK_VIDEO or VOICEOVER)"},
      {"videos empty", [](R& r) { r.product_video_info.video_id_list->clear(); }, 40002,
       pvi + ".input_video_list.video_id_list: must not be empty"},
      {"videos 1", [ids](R& r) { r.product_video_info.video_id_list = first(ids.videos, 1); }},
      {"videos 20", [ids](R& r) { r.product_video_info.video_id_list = first(ids.videos, 20); }},
      {"videos 21", [ids](R& r) { r.product_video_info.video_id_list = first(ids.videos, 21); },
       40011, pvi + ".input_video_list.video_id_list: must hold between 1 and 20 items, got 21"},
      {"video id empty", [](R& r) { r.product_video_info.video_id_list->at(1) = ""; }, 40002,
       pvi + ".input_video_list.video_id_list[1]: must not be empty"},
      // avatar_info: AVATAR_PRODUCT only; avatar_id required in it
      {"AVATAR_PRODUCT without avatar",
       both(avatar, [](R& r) { r.product_video_info.avatar_id.reset(); })},
      {"avatar_id empty", both(avatar, [](R& r) { r.product_video_info.avatar_id = ""; }), 40002,
       pvi + ".avatar_info.avatar_id: must not be empty"},
      {"avatar_id empty on VOICEOVER ignored", [](R& r) { r.product_video_info.avatar_id = ""; }},
      // the first violation in document order answers
      {"first violation: type before count",
       [](R& r) {
         r.aigc_video_type = AigcVideoType("X");
         r.product_video_info.video_generation_count = 9;
       },
       40002, "aigc_video_type: must be one of " + types + R"(, got "X")"},
      {"first violation: title before currency", on_product([](VideoProductInfo& p) {
         p.currency = "usd";
         p.title = "";
       }),
       40002, product + ".title: must not be empty"},
      {"first violation: products before videos",
       [](R& r) {
         r.product_video_info.video_id_list.reset();
         r.product_video_info.product_info_list[0].description = std::string(301, 'd');
       },
       40002, product + ".description: must be at most 300 characters, got 301"},
  };
}

// ---- video task create: DUBBING ----------------------------------------------------------

DubbingVideoInfo dubbing_video(int n) {
  DubbingVideoInfo video;
  video.video_url = "https://cdn.example.com/source/" + std::to_string(n) + ".mp4";
  video.target_language = DubbingLanguage::fr();
  return video;
}

CreateVideoTaskRequest valid_dubbing_task() {
  CreateVideoTaskRequest request;
  request.aigc_video_type = AigcVideoType::dubbing();
  request.dubbing_video_info = {dubbing_video(0)};
  return request;
}

std::vector<Case<CreateVideoTaskRequest>> dubbing_task_cases() {
  using R = CreateVideoTaskRequest;
  const auto videos = [](int n) {
    return [n](R& r) {
      r.dubbing_video_info.clear();
      for (int i = 0; i < n; ++i) r.dubbing_video_info.push_back(dubbing_video(i));
    };
  };
  const auto on_video = [](std::size_t index, std::function<void(DubbingVideoInfo&)> change) {
    return [index, change](R& r) {
      while (r.dubbing_video_info.size() <= index) r.dubbing_video_info.push_back(dubbing_video(1));
      change(r.dubbing_video_info[index]);
    };
  };
  const auto segments = [](std::vector<DubbingScriptSegment> scripts) {
    return [scripts](DubbingVideoInfo& v) { v.scripts = scripts; };
  };
  const std::string first = "dubbing_video_info[0]";
  const std::string languages = "ar, en, fr, de, id, it, ja, ko, pt, es, th, tr, vi";
  const std::string not_url =
      ".video_url: must be an absolute http(s) URL with every space and special character percent-encoded, got ";
  std::vector<Case<R>> cases = {
      {"valid DUBBING", [](R&) {}},
      // dubbing_video_info: required for DUBBING, 1-5 items (empty is not sent)
      {"0 videos", videos(0), 40002,
       "Missing required field(s): dubbing_video_info (required when aigc_video_type is DUBBING)"},
      {"1 video", videos(1)},
      {"5 videos", videos(5)},
      {"6 videos", videos(6), 40002, "dubbing_video_info: must hold between 1 and 5 items, got 6"},
      // product_video_info: not read for DUBBING, so neither required nor checked
      {"an invalid product_video_info is not checked", [](R& r) {
         r.product_video_info.video_generation_count = 9;
         r.product_video_info.product_info_list.assign(2, VideoProductInfo{});
       }},
      // video_url: required, an absolute http(s) URL; no extension needed
      {"video_url empty", on_video(0, [](DubbingVideoInfo& v) { v.video_url = ""; }), 40002,
       first + ".video_url: must not be empty"},
      {"video_url http", on_video(0, [](DubbingVideoInfo& v) { v.video_url = "http://cdn.example.com/a"; })},
      {"video_url with a query", on_video(0, [](DubbingVideoInfo& v) {
         v.video_url = "https://cdn.example.com/watch?v=a%20b";
       })},
      {"video_url ftp", on_video(0, [](DubbingVideoInfo& v) { v.video_url = "ftp://cdn.example.com/a.mp4"; }),
       40002, first + not_url + R"("ftp://cdn.example.com/a.mp4")"},
      {"video_url relative", on_video(0, [](DubbingVideoInfo& v) { v.video_url = "/a.mp4"; }), 40002,
       first + not_url + R"("/a.mp4")"},
      {"video_url with a space in the third video",
       on_video(2, [](DubbingVideoInfo& v) { v.video_url = "https://cdn.example.com/a b.mp4"; }), 40002,
       "dubbing_video_info[2]" + not_url + R"("https://cdn.example.com/a b.mp4")"},
      // target_languages: one of 13
      {"target language vi", on_video(0, [](DubbingVideoInfo& v) { v.target_language = DubbingLanguage::vi(); })},
      {"target language xx", on_video(0, [](DubbingVideoInfo& v) { v.target_language = DubbingLanguage("xx"); }),
       40002, first + ".target_languages[0]: must be one of " + languages + R"(, got "xx")"},
      {"target language upper case",
       on_video(0, [](DubbingVideoInfo& v) { v.target_language = DubbingLanguage("FR"); }), 40002,
       first + ".target_languages[0]: must be one of " + languages + R"(, got "FR")"},
      {"target language unset", on_video(0, [](DubbingVideoInfo& v) { v.target_language = DubbingLanguage(); }),
       40002, first + ".target_languages[0]: must be one of " + languages + R"(, got "")"},
      {"target language ms (not listed)",
       on_video(0, [](DubbingVideoInfo& v) { v.target_language = DubbingLanguage("ms"); }), 40002,
       first + ".target_languages[0]: must be one of " + languages + R"(, got "ms")"},
      // lipsync_enabled, subtitle_enabled: optional booleans
      {"lipsync and subtitles", on_video(0, [](DubbingVideoInfo& v) {
         v.lipsync_enabled = true;
         v.subtitle_enabled = true;
       })},
      {"lipsync and subtitles off", on_video(0, [](DubbingVideoInfo& v) {
         v.lipsync_enabled = false;
         v.subtitle_enabled = false;
       })},
      // video_name: optional, at most 50 characters
      {"video_name 50 characters of two bytes",
       on_video(0, [](DubbingVideoInfo& v) { v.video_name = repeat("\xC3\xA9", 50); })},
      {"video_name 51 characters of two bytes",
       on_video(0, [](DubbingVideoInfo& v) { v.video_name = repeat("\xC3\xA9", 51); }), 40002,
       first + ".video_name: must be at most 50 characters, got 51"},
      {"video_name 51 in the fifth video",
       on_video(4, [](DubbingVideoInfo& v) { v.video_name = std::string(51, 'n'); }), 40002,
       "dubbing_video_info[4].video_name: must be at most 50 characters, got 51"},
      {"video_name empty", on_video(0, [](DubbingVideoInfo& v) { v.video_name = ""; })},
      // scripts: optional segments, each with text and 0 <= start < end (milliseconds)
      {"scripts", on_video(0, segments({{"Bonjour", 0, 20000}, {"Au revoir", 20001, 40000}}))},
      {"scripts start 0 end 0.5", on_video(0, segments({{"a", 0, 0.5}}))},
      {"scripts fractions", on_video(0, segments({{"a", 525.25, 8934.75}}))},
      {"scripts overlapping and out of order", on_video(0, segments({{"b", 5000, 9000}, {"a", 0, 6000}}))},
      {"scripts end equal to start", on_video(0, segments({{"a", 0, 20000}, {"b", 500, 500}})), 40002,
       first + ".scripts[1].text_start_time: must be less than text_end_time, got 500 and 500"},
      {"scripts end before start", on_video(0, segments({{"a", 500, 499.5}})), 40002,
       first + ".scripts[0].text_start_time: must be less than text_end_time, got 500 and 499.5"},
      {"scripts end 0 start 0", on_video(0, segments({{"a", 0, 0}})), 40002,
       first + ".scripts[0].text_start_time: must be less than text_end_time, got 0 and 0"},
      {"scripts start negative", on_video(0, segments({{"a", -1, 500}})), 40002,
       first + ".scripts[0].text_start_time: must be at least 0, got -1"},
      {"scripts end negative", on_video(0, segments({{"a", 0, -0.5}})), 40002,
       first + ".scripts[0].text_end_time: must be at least 0, got -0.5"},
      {"scripts text empty", on_video(0, segments({{"a", 0, 1}, {"", 1, 2}})), 40002,
       first + ".scripts[1].text: must not be empty"},
      {"scripts in the second video", on_video(1, segments({{"a", 7, 7}})), 40002,
       "dubbing_video_info[1].scripts[0].text_start_time: must be less than text_end_time, got 7 and 7"},
      // the first violation in document order answers
      {"first violation: url before language", on_video(0, [](DubbingVideoInfo& v) {
         v.target_language = DubbingLanguage("xx");
         v.video_url = "a.mp4";
       }),
       40002, first + not_url + R"("a.mp4")"},
      {"first violation: name before scripts", on_video(0, [](DubbingVideoInfo& v) {
         v.scripts = {{"a", 5, 1}};
         v.video_name = std::string(51, 'n');
       }),
       40002, first + ".video_name: must be at most 50 characters, got 51"},
  };
  for (const std::string& language : api::enums::dubbing_languages()) {
    cases.push_back({"target language " + language,
                     on_video(0, [language](DubbingVideoInfo& v) { v.target_language = DubbingLanguage(language); })});
  }
  return cases;
}

// A video task create's body as JSON, for the rules the typed request cannot break (it
// always sends one language, a URL, a text and two times).
struct VideoTaskBody {
  json body;
};

std::optional<Status> check(const VideoTaskBody& request) {
  return detail::body_problem(api::endpoint(api::EndpointId::video_task_create), request.body);
}

VideoTaskBody valid_dubbing_body() {
  CreateVideoTaskRequest request = valid_dubbing_task();
  request.dubbing_video_info[0].scripts = {{"Bonjour", 0, 20000}, {"Au revoir", 20001, 40000}};
  return VideoTaskBody{to_body(request)};
}

std::vector<Case<VideoTaskBody>> dubbing_body_cases(const Ids& ids) {
  using R = VideoTaskBody;
  const auto on_item = [](std::function<void(json&)> change) {
    return [change](R& r) { change(r.body["dubbing_video_info"][0]); };
  };
  const auto on_segment = [](std::size_t index, std::function<void(json&)> change) {
    return [index, change](R& r) { change(r.body["dubbing_video_info"][0]["scripts"][index]); };
  };
  const std::string first = "dubbing_video_info[0]";
  return {
      {"valid", [](R&) {}},
      // dubbing_video_info itself
      {"dubbing_video_info absent", [](R& r) { r.body.erase("dubbing_video_info"); }, 40002,
       "Missing required field(s): dubbing_video_info (required when aigc_video_type is DUBBING)"},
      {"dubbing_video_info empty", [](R& r) { r.body["dubbing_video_info"] = json::array(); }, 40002,
       "dubbing_video_info: must not be empty"},
      {"dubbing_video_info an object",
       [](R& r) { r.body["dubbing_video_info"] = r.body["dubbing_video_info"][0]; }, 40002,
       "dubbing_video_info: must be an array, got {\"scripts\":[{\"text\":\"Bonjour\",\"text_end_time\":20000,\"text..."},
      // video_url, target_languages: required
      {"video_url missing", on_item([](json& item) { item.erase("video_url"); }), 40002,
       "Missing required field(s): " + first + ".video_url"},
      {"video_url and target_languages missing", on_item([](json& item) {
         item.erase("video_url");
         item.erase("target_languages");
       }),
       40002, "Missing required field(s): " + first + ".video_url, " + first + ".target_languages"},
      {"target_languages none", on_item([](json& item) { item["target_languages"] = json::array(); }), 40002,
       first + ".target_languages: must not be empty"},
      {"target_languages two", on_item([](json& item) { item["target_languages"] = {"fr", "en"}; }), 40002,
       first + ".target_languages: must hold exactly 1 item, got 2"},
      {"target_languages a string", on_item([](json& item) { item["target_languages"] = "fr"; }), 40002,
       first + R"(.target_languages: must be an array, got "fr")"},
      // booleans
      {"lipsync_enabled a string", on_item([](json& item) { item["lipsync_enabled"] = "true"; }), 40002,
       first + R"(.lipsync_enabled: must be true or false, got "true")"},
      // scripts: empty is not given; every member of a segment required; times numbers
      {"scripts empty", on_item([](json& item) { item["scripts"] = json::array(); })},
      {"text missing", on_segment(1, [](json& segment) { segment.erase("text"); }), 40002,
       "Missing required field(s): " + first + ".scripts[1].text"},
      {"text_end_time missing", on_segment(0, [](json& segment) { segment.erase("text_end_time"); }), 40002,
       "Missing required field(s): " + first + ".scripts[0].text_end_time"},
      {"text_start_time null", on_segment(0, [](json& segment) { segment["text_start_time"] = nullptr; }), 40002,
       "Missing required field(s): " + first + ".scripts[0].text_start_time"},
      {"text_start_time a string", on_segment(0, [](json& segment) { segment["text_start_time"] = "0"; }), 40002,
       first + R"(.scripts[0].text_start_time: must be a number, got "0")"},
      {"times as doubles", on_segment(1, [](json& segment) {
         segment["text_start_time"] = 20000.5;
         segment["text_end_time"] = 40000.0;
       })},
      {"end equal to start as a double and an integer", on_segment(0, [](json& segment) {
         segment["text_start_time"] = 500.0;
         segment["text_end_time"] = 500;
       }),
       40002, first + ".scripts[0].text_start_time: must be less than text_end_time, got 500.0 and 500"},
      // members sent at the top level are not read (quirk 2), nor a product body (quirk 14)
      {"scripts at the top level are ignored", [](R& r) { r.body["scripts"] = "x"; }},
      {"an invalid product_video_info is ignored",
       [](R& r) { r.body["product_video_info"] = {{"video_generation_count", 9}}; }},
      {"product_video_info of another type is ignored",
       [](R& r) { r.body["product_video_info"] = "not an object"; }},
      // and for a product type, dubbing_video_info is not read
      {"VOICEOVER with an invalid dubbing_video_info", [ids](R& r) {
         r.body = to_body(valid_video_task(ids));
         r.body["dubbing_video_info"] = json::array({json::object(), 1, 2, 3, 4, 5});
       }},
      {"VOICEOVER without product_video_info", [](R& r) { r.body["aigc_video_type"] = "VOICEOVER"; }, 40002,
       "Missing required field(s): product_video_info (required when aigc_video_type is STOCK_VIDEO or "
       "AVATAR_PRODUCT or VOICEOVER)"},
  };
}

// ---- video task list -------------------------------------------------------------------

VideoTaskQuery valid_video_task_query(const Ids& ids) {
  VideoTaskQuery query;
  query.task_ids = first(ids.tasks, 2);
  query.aigc_video_type = AigcVideoType::voiceover();
  return query;
}

std::vector<Case<VideoTaskQuery>> video_task_query_cases(const Ids& ids) {
  using R = VideoTaskQuery;
  return {
      {"valid", [](R&) {}},
      {"1 id", [ids](R& r) { r.task_ids = first(ids.tasks, 1); }},
      {"5 ids", [ids](R& r) { r.task_ids = first(ids.tasks, 5); }},
      {"6 ids", [ids](R& r) { r.task_ids = first(ids.tasks, 6); }, 40011,
       "task_ids: must hold between 1 and 5 items, got 6"},
      {"no ids", [](R& r) { r.task_ids.clear(); }, 40002, "task_ids: must not be empty"},
      {"empty id", [](R& r) { r.task_ids[1] = ""; }, 40002, "task_ids[1]: must not be empty"},
      {"other type filter", [](R& r) { r.aigc_video_type = AigcVideoType::stock_video(); }},
      {"type unknown", [](R& r) { r.aigc_video_type = AigcVideoType("HOLOGRAM"); }, 40002,
       R"(aigc_video_type: must be one of STOCK_VIDEO, AVATAR_PRODUCT, VOICEOVER, IMAGE_ANIMATION, DUBBING, got "HOLOGRAM")"},
      {"type unset", [](R& r) { r.aigc_video_type = AigcVideoType(); }, 40002,
       R"(aigc_video_type: must be one of STOCK_VIDEO, AVATAR_PRODUCT, VOICEOVER, IMAGE_ANIMATION, DUBBING, got "")"},
      {"first violation: ids before type",
       [](R& r) {
         r.task_ids.clear();
         r.aigc_video_type = AigcVideoType();
       },
       40002, "task_ids: must not be empty"},
  };
}

// ---- video list ------------------------------------------------------------------------

VideoListQuery valid_video_list_query(const Ids&) { return VideoListQuery{}; }

std::vector<Case<VideoListQuery>> video_list_query_cases(const Ids&) {
  using R = VideoListQuery;
  return {
      {"valid: every type", [](R&) {}},
      {"one type", [](R& r) { r.aigc_video_types = {AigcVideoType::voiceover()}; }},
      {"no types", [](R& r) { r.aigc_video_types.clear(); }, 40002,
       "aigc_video_types: must hold at least 1 item, got 0"},
      {"unknown type",
       [](R& r) {
         r.aigc_video_types = {AigcVideoType::voiceover(), AigcVideoType("HOLOGRAM")};
       },
       40002,
       R"(aigc_video_types[1]: must be one of STOCK_VIDEO, AVATAR_PRODUCT, VOICEOVER, IMAGE_ANIMATION, DUBBING, got "HOLOGRAM")"},
      {"empty type", [](R& r) { r.aigc_video_types = {AigcVideoType()}; }, 40002,
       R"(aigc_video_types[0]: must be one of STOCK_VIDEO, AVATAR_PRODUCT, VOICEOVER, IMAGE_ANIMATION, DUBBING, got "")"},
      {"page 1", [](R& r) { r.page = 1; }},
      {"page int max", [](R& r) { r.page = std::numeric_limits<int>::max(); }},
      {"page 0", [](R& r) { r.page = 0; }, 40002, "page: must be between 1 and 2147483647, got 0"},
      {"page -3", [](R& r) { r.page = -3; }, 40002,
       "page: must be between 1 and 2147483647, got -3"},
      {"page_size 1", [](R& r) { r.page_size = 1; }},
      {"page_size 100", [](R& r) { r.page_size = 100; }},
      {"page_size 0", [](R& r) { r.page_size = 0; }, 40002,
       "page_size: must be between 1 and 100, got 0"},
      {"page_size 101", [](R& r) { r.page_size = 101; }, 40002,
       "page_size: must be between 1 and 100, got 101"},
      {"first violation: page before page_size",
       [](R& r) {
         r.page = 0;
         r.page_size = 0;
       },
       40002, "page: must be between 1 and 2147483647, got 0"},
  };
}

// ---- script task create ----------------------------------------------------------------

CreateScriptTaskRequest valid_script_task(const Ids& ids) {
  CreateScriptTaskRequest request;
  request.script_source = ScriptSource::product();
  request.video_duration = VideoDuration::seconds_30();
  ScriptProductInfo product;
  product.name = "Glow Serum";
  product.brand = "Lumi";
  product.price = 12.98;
  product.currency = "USD";
  product.description = "A light serum for every skin.";
  product.selling_points = {"Vegan", "Fragrance free", "Dermatologist tested"};
  request.product_info = product;
  MediaList media;
  media.image_url_list = image_urls(2);
  media.video_id_list = first(ids.videos, 2);
  request.media_list = media;
  ScriptInfo info;
  info.tone = "Professional";
  info.style = "Product focused";
  info.point_of_view = "From consumer";
  info.script_language = ScriptLanguage::en();
  info.relevant_industry = "Tech & electronics";
  request.script_info = info;
  request.script_generation_count = 5;
  return request;
}

std::vector<Case<CreateScriptTaskRequest>> script_task_cases(const Ids& ids) {
  using R = CreateScriptTaskRequest;
  const auto custom = [](R& r) {
    r = CreateScriptTaskRequest{};
    r.script_source = ScriptSource::custom();
    r.custom_prompt = "A 15 second ad for a light serum.";
  };
  const auto both = [](std::function<void(R&)> a, std::function<void(R&)> b) {
    return [a, b](R& r) {
      a(r);
      b(r);
    };
  };
  const auto media = [](std::size_t images, std::vector<std::string> videos) {
    return [images, videos](R& r) {
      r.media_list->image_url_list = image_urls(images);
      r.media_list->video_id_list = videos;
    };
  };
  return {
      {"valid PRODUCT", [](R&) {}},
      {"valid CUSTOM", custom},
      {"CUSTOM with product_info and media_list", both(custom,
                                                       [](R& r) {
                                                         r.product_info = ScriptProductInfo{};
                                                         r.product_info->name = "Serum";
                                                         r.product_info->description = "Light.";
                                                         r.media_list = MediaList{};
                                                       })},
      {"PRODUCT minimal",
       [](R& r) {
         r.video_duration.reset();
         r.script_info.reset();
         r.script_generation_count.reset();
         r.product_info->brand.reset();
         r.product_info->price.reset();
         r.product_info->currency.reset();
         r.product_info->selling_points.clear();
         r.media_list = MediaList{};
       }},
      // script_source
      {"script_source empty", [](R& r) { r.script_source = ScriptSource(); }, 40002,
       "script_source: must not be empty"},
      {"script_source unknown", [](R& r) { r.script_source = ScriptSource("URL"); }, 40002,
       R"(script_source: must be one of PRODUCT, CUSTOM, got "URL")"},
      // custom_prompt: required for CUSTOM, not supported for PRODUCT, 3000 characters
      {"custom_prompt on PRODUCT", [](R& r) { r.custom_prompt = "Hi"; }, 40002,
       "custom_prompt: not supported when script_source is PRODUCT"},
      {"custom_prompt empty on PRODUCT", [](R& r) { r.custom_prompt = ""; }, 40002,
       "custom_prompt: not supported when script_source is PRODUCT"},
      {"CUSTOM without custom_prompt", both(custom, [](R& r) { r.custom_prompt.reset(); }), 40002,
       "Missing required field(s): custom_prompt (required when script_source is CUSTOM)"},
      {"custom_prompt empty", both(custom, [](R& r) { r.custom_prompt = ""; }), 40002,
       "custom_prompt: must not be empty"},
      {"custom_prompt 3000", both(custom, [](R& r) { r.custom_prompt = std::string(3000, 'p'); })},
      {"custom_prompt 3001", both(custom, [](R& r) { r.custom_prompt = std::string(3001, 'p'); }),
       40002, "custom_prompt: must be at most 3000 characters, got 3001"},
      {"custom_prompt 3000 three-byte characters",
       both(custom, [](R& r) { r.custom_prompt = repeat("\xE2\x82\xAC", 3000); })},
      // video_duration: PRODUCT only, 15S or 30S
      {"video_duration 15S", [](R& r) { r.video_duration = VideoDuration::seconds_15(); }},
      {"video_duration 45S", [](R& r) { r.video_duration = VideoDuration("45S"); }, 40002,
       R"(video_duration: must be one of 15S, 30S, got "45S")"},
      {"video_duration on CUSTOM",
       both(custom, [](R& r) { r.video_duration = VideoDuration::seconds_15(); }), 40002,
       "video_duration: not supported when script_source is CUSTOM"},
      // product_info: required for PRODUCT
      {"PRODUCT without product_info",
       [](R& r) {
         r.product_info.reset();
         r.media_list.reset();
       },
       40002, "Missing required field(s): product_info (required when script_source is PRODUCT)"},
      {"name empty", [](R& r) { r.product_info->name = ""; }, 40002,
       "product_info.name: must not be empty"},
      {"name 300", [](R& r) { r.product_info->name = std::string(300, 'n'); }},
      {"name 301", [](R& r) { r.product_info->name = std::string(301, 'n'); }, 40002,
       "product_info.name: must be at most 300 characters, got 301"},
      {"brand 100", [](R& r) { r.product_info->brand = std::string(100, 'b'); }},
      {"brand 101", [](R& r) { r.product_info->brand = std::string(101, 'b'); }, 40002,
       "product_info.brand: must be at most 100 characters, got 101"},
      {"price 0", [](R& r) { r.product_info->price = 0.0; }},
      {"price -1.5", [](R& r) { r.product_info->price = -1.5; }, 40002,
       "product_info.price: must be at least 0, got -1.5"},
      {"currency lower case", [](R& r) { r.product_info->currency = "eur"; }, 40002,
       R"(product_info.currency: must be an ISO 4217 code of three upper-case letters, got "eur")"},
      {"description empty", [](R& r) { r.product_info->description = ""; }, 40002,
       "product_info.description: must not be empty"},
      {"description 500", [](R& r) { r.product_info->description = std::string(500, 'd'); }},
      {"description 501", [](R& r) { r.product_info->description = std::string(501, 'd'); }, 40002,
       "product_info.description: must be at most 500 characters, got 501"},
      {"selling_points 10", [](R& r) { r.product_info->selling_points = points(10); }},
      {"selling_points 11", [](R& r) { r.product_info->selling_points = points(11); }, 40002,
       "product_info.selling_points: must hold at most 10 items, got 11"},
      {"selling point empty", [](R& r) { r.product_info->selling_points[0] = ""; }, 40002,
       "product_info.selling_points[0]: must not be empty"},
      // media_list: required with product_info (quirk 11); 20 entries in all
      {"product_info without media_list", [](R& r) { r.media_list.reset(); }, 40002,
       "Missing required field(s): media_list (required when product_info is specified)"},
      {"images 20", media(20, {})},
      {"images 21", media(21, {}), 40002,
       "media_list.image_url_list: must hold at most 20 items, got 21"},
      {"image URL invalid", [](R& r) { r.media_list->image_url_list[1] = "https://cdn.example.com/a b.png"; }},
      {"videos 20", media(0, first(ids.videos, 20))},
      {"videos 21", media(0, first(ids.videos, 21)), 40011,
       "media_list.video_id_list: must hold at most 20 items, got 21"},
      {"video id empty", [](R& r) { r.media_list->video_id_list[0] = ""; }, 40002,
       "media_list.video_id_list[0]: must not be empty"},
      {"10 images and 10 videos", media(10, first(ids.videos, 10))},
      {"11 images and 10 videos", media(11, first(ids.videos, 10)), 40002,
       "media_list: image_url_list and video_id_list must hold at most 20 items in all, got 21"},
      // script_info: PRODUCT only; free text (quirk 12) and script_language
      {"custom tone", [](R& r) { r.script_info->tone = "Sarcastic"; }},
      {"empty style", [](R& r) { r.script_info->style = ""; }},
      {"script_info empty", [](R& r) { r.script_info = ScriptInfo{}; }},
      {"script_language ml", [](R& r) { r.script_info->script_language = ScriptLanguage::ml(); }},
      {"script_language ms", [](R& r) { r.script_info->script_language = ScriptLanguage("ms"); },
       40002,
       R"(script_info.script_language: must be one of en, de, es, fr, id, ml, vi, got "ms")"},
      {"script_info on CUSTOM", both(custom, [](R& r) { r.script_info = ScriptInfo{}; }), 40002,
       "script_info: not supported when script_source is CUSTOM"},
      // script_generation_count: 1-8
      {"count 1", [](R& r) { r.script_generation_count = 1; }},
      {"count 8", [](R& r) { r.script_generation_count = 8; }},
      {"count 0", [](R& r) { r.script_generation_count = 0; }, 40002,
       "script_generation_count: must be between 1 and 8, got 0"},
      {"count 9", [](R& r) { r.script_generation_count = 9; }, 40002,
       "script_generation_count: must be between 1 and 8, got 9"},
      // the first violation in document order answers
      {"first violation: custom_prompt before video_duration",
       [](R& r) {
         r.custom_prompt = "x";
         r.video_duration = VideoDuration("1M");
       },
       40002, "custom_prompt: not supported when script_source is PRODUCT"},
      {"first violation: product_info before media_list",
       [](R& r) {
         r.product_info->name = "";
         r.media_list.reset();
       },
       40002, "product_info.name: must not be empty"},
      {"first violation: name before brand",
       [](R& r) {
         r.product_info->brand = std::string(101, 'b');
         r.product_info->name = std::string(301, 'n');
       },
       40002, "product_info.name: must be at most 300 characters, got 301"},
  };
}

// ---- script task get and script list ---------------------------------------------------

ScriptTaskQuery valid_script_task_query(const Ids& ids) {
  ScriptTaskQuery query;
  query.task_id = ids.script_task;
  return query;
}

std::vector<Case<ScriptTaskQuery>> script_task_query_cases(const Ids&) {
  using R = ScriptTaskQuery;
  return {
      {"valid", [](R&) {}},
      {"task_id empty", [](R& r) { r.task_id = ""; }, 40002, "task_id: must not be empty"},
  };
}

ScriptListQuery valid_script_list_query(const Ids&) { return ScriptListQuery{}; }

std::vector<Case<ScriptListQuery>> script_list_query_cases(const Ids&) {
  using R = ScriptListQuery;
  return {
      {"valid: defaults", [](R&) {}},
      {"page 1 page_size 100",
       [](R& r) {
         r.page = 1;
         r.page_size = 100;
       }},
      {"page int max", [](R& r) { r.page = std::numeric_limits<int>::max(); }},
      {"page 0", [](R& r) { r.page = 0; }, 40002, "page: must be between 1 and 2147483647, got 0"},
      {"page_size 1", [](R& r) { r.page_size = 1; }},
      {"page_size 0", [](R& r) { r.page_size = 0; }, 40002,
       "page_size: must be between 1 and 100, got 0"},
      {"page_size 101", [](R& r) { r.page_size = 101; }, 40002,
       "page_size: must be between 1 and 100, got 101"},
  };
}

// ---- Digital Avatar ----

// A character of three bytes: lengths are counted in characters, not bytes.
const std::string kKanji = "\xE6\xBC\xA2";

AvatarListQuery valid_avatar_list_query() { return AvatarListQuery{}; }

std::vector<Case<AvatarListQuery>> avatar_list_query_cases() {
  using R = AvatarListQuery;
  return {
      {"valid: no paging", [](R&) {}},
      {"page 1", [](R& r) { r.page = 1; }},
      {"page int max", [](R& r) { r.page = std::numeric_limits<int>::max(); }},
      {"page 0", [](R& r) { r.page = 0; }, 40002, "page: must be between 1 and 2147483647, got 0"},
      {"page_size 1", [](R& r) { r.page_size = 1; }},
      {"page_size 100", [](R& r) { r.page_size = 100; }},
      {"page_size 0", [](R& r) { r.page_size = 0; }, 40002, "page_size: must be between 1 and 100, got 0"},
      {"page_size 101", [](R& r) { r.page_size = 101; }, 40002,
       "page_size: must be between 1 and 100, got 101"},
  };
}

AvatarMaterialPackage avatar_package(int i) {
  AvatarMaterialPackage package;
  package.avatar_id = "730188139080137113" + std::to_string(i % 10);
  package.script = "Meet the serum that keeps your skin glowing all day.";
  return package;
}

CreateAvatarVideoTasksRequest valid_avatar_video_tasks() {
  CreateAvatarVideoTasksRequest request;
  request.material_packages = {avatar_package(0)};
  return request;
}

std::vector<Case<CreateAvatarVideoTasksRequest>> avatar_video_task_cases() {
  using R = CreateAvatarVideoTasksRequest;
  const auto packages = [](int n) {
    return [n](R& r) {
      r.material_packages.clear();
      for (int i = 0; i < n; ++i) r.material_packages.push_back(avatar_package(i));
    };
  };
  const auto on_package = [](std::size_t index, std::function<void(AvatarMaterialPackage&)> change) {
    return [index, change](R& r) {
      while (r.material_packages.size() <= index) r.material_packages.push_back(avatar_package(1));
      change(r.material_packages[index]);
    };
  };
  const std::string first = "material_packages[0]";
  return {
      {"valid", [](R&) {}},
      // material_packages: 1-5
      {"0 packages", packages(0), 40002, "material_packages: must not be empty"},
      {"1 package", packages(1)},
      {"5 packages", packages(5)},
      {"6 packages", packages(6), 40002, "material_packages: must hold between 1 and 5 items, got 6"},
      // avatar_id: required
      {"avatar_id empty", on_package(0, [](AvatarMaterialPackage& p) { p.avatar_id = ""; }), 40002,
       first + ".avatar_id: must not be empty"},
      // script: required, at most 2000 characters
      {"script empty", on_package(0, [](AvatarMaterialPackage& p) { p.script = ""; }), 40002,
       first + ".script: must not be empty"},
      {"script 2000 characters of three bytes",
       on_package(0, [](AvatarMaterialPackage& p) { p.script = repeat(kKanji, 2000); })},
      {"script 2001 characters of three bytes",
       on_package(0, [](AvatarMaterialPackage& p) { p.script = repeat(kKanji, 2001); }), 40002,
       first + ".script: must be at most 2000 characters, got 2001"},
      {"script 2001 in the fourth package",
       on_package(3, [](AvatarMaterialPackage& p) { p.script = std::string(2001, 's'); }), 40002,
       "material_packages[3].script: must be at most 2000 characters, got 2001"},
      // video_name: optional, at most 50 characters
      {"video_name 50 characters of two bytes",
       on_package(0, [](AvatarMaterialPackage& p) { p.video_name = repeat("\xC3\xA9", 50); })},
      {"video_name 51 characters of two bytes",
       on_package(0, [](AvatarMaterialPackage& p) { p.video_name = repeat("\xC3\xA9", 51); }), 40002,
       first + ".video_name: must be at most 50 characters, got 51"},
      {"video_name empty", on_package(0, [](AvatarMaterialPackage& p) { p.video_name = ""; })},
      // package_id: optional, free
      {"package_id", on_package(0, [](AvatarMaterialPackage& p) { p.package_id = "pkg-1"; })},
      {"package_id empty", on_package(0, [](AvatarMaterialPackage& p) { p.package_id = ""; })},
      {"first violation: avatar_id before script", on_package(0, [](AvatarMaterialPackage& p) {
         p.avatar_id = "";
         p.script = std::string(2001, 's');
       }),
       40002, first + ".avatar_id: must not be empty"},
  };
}

AvatarVideoTaskQuery valid_avatar_video_task_query() {
  return AvatarVideoTaskQuery{{"7400000000000000001", "7400000000000000002"}};
}

std::vector<Case<AvatarVideoTaskQuery>> avatar_video_task_query_cases() {
  using R = AvatarVideoTaskQuery;
  const auto ids = [](std::size_t n) {
    return [n](R& r) {
      r.task_ids.clear();
      for (std::size_t i = 0; i < n; ++i) r.task_ids.push_back(std::to_string(7400000000000000000ull + i));
    };
  };
  return {
      {"valid", [](R&) {}},
      {"0 ids", ids(0), 40002, "task_ids: must not be empty"},
      {"1 id", ids(1)},
      {"5 ids", ids(5)},
      {"6 ids", ids(6), 40011, "task_ids: must hold between 1 and 5 items, got 6"},
      {"empty id", [](R& r) { r.task_ids[1] = ""; }, 40002, "task_ids[1]: must not be empty"},
  };
}

AvatarVideoListQuery valid_avatar_video_list_query() { return AvatarVideoListQuery{}; }

std::vector<Case<AvatarVideoListQuery>> avatar_video_list_query_cases() {
  using R = AvatarVideoListQuery;
  const auto dates = [](std::optional<std::string> start, std::optional<std::string> end) {
    return [start, end](R& r) {
      r.start_date = start;
      r.end_date = end;
    };
  };
  const std::string date_rule = "must be a date written YYYY-MM-DD, got ";
  return {
      {"valid: no filtering", [](R&) {}},
      {"avatar_id", [](R& r) { r.avatar_id = "7301881390801371138"; }},
      {"both dates", dates("2024-01-01", "2024-01-31")},
      {"the same day", dates("2024-02-29", "2024-02-29")},
      {"start only", dates("2024-01-01", std::nullopt)},
      {"end only", dates(std::nullopt, "2024-01-01")},
      {"month 13", dates("2024-13-01", std::nullopt), 40002,
       "filtering.start_date: " + date_rule + R"("2024-13-01")"},
      {"30 February", dates(std::nullopt, "2024-02-30"), 40002,
       "filtering.end_date: " + date_rule + R"("2024-02-30")"},
      {"29 February of a common year", dates("2023-02-29", std::nullopt), 40002,
       "filtering.start_date: " + date_rule + R"("2023-02-29")"},
      {"one-digit month and day", dates("2024-2-1", std::nullopt), 40002,
       "filtering.start_date: " + date_rule + R"("2024-2-1")"},
      {"a time too", dates("2024-01-01 00:00:00", std::nullopt), 40002,
       "filtering.start_date: " + date_rule + R"("2024-01-01 00:00:00")"},
      {"start after end", dates("2024-03-02", "2024-03-01"), 40002,
       R"(filtering.start_date: must not be after end_date, got "2024-03-02" and "2024-03-01")"},
      {"start a year after end", dates("2025-01-01", "2024-12-31"), 40002,
       R"(filtering.start_date: must not be after end_date, got "2025-01-01" and "2024-12-31")"},
      {"page 1", [](R& r) { r.page = 1; }},
      {"page 0", [](R& r) { r.page = 0; }, 40002, "page: must be between 1 and 2147483647, got 0"},
      {"page_size 100", [](R& r) { r.page_size = 100; }},
      {"page_size 0", [](R& r) { r.page_size = 0; }, 40002, "page_size: must be between 1 and 100, got 0"},
      {"page_size 101", [](R& r) { r.page_size = 101; }, 40002,
       "page_size: must be between 1 and 100, got 101"},
      {"first violation: filtering before page",
       [](R& r) {
         r.end_date = "2024-2-1";
         r.page = 0;
       },
       40002, "filtering.end_date: " + date_rule + R"("2024-2-1")"},
  };
}

RenameAvatarVideoRequest valid_rename() { return RenameAvatarVideoRequest{"7500000000000000001", "Spring launch"}; }

std::vector<Case<RenameAvatarVideoRequest>> rename_cases() {
  using R = RenameAvatarVideoRequest;
  const auto name = [](std::string value) { return [value](R& r) { r.file_name = value; }; };
  return {
      {"valid", [](R&) {}},
      {"avatar_video_id empty", [](R& r) { r.avatar_video_id = ""; }, 40002, "avatar_video_id: must not be empty"},
      {"file_name 0 characters", name(""), 40002, "file_name: must not be empty"},
      {"file_name 1 character", name(kKanji)},
      {"file_name 100 characters of three bytes", name(repeat(kKanji, 100))},
      {"file_name 101 characters of three bytes", name(repeat(kKanji, 101)), 40002,
       "file_name: must be at most 100 characters, got 101"},
      // A rename may be longer than a name given at creation (at most 50).
      {"file_name 51 characters", name(std::string(51, 'n'))},
  };
}

// ---------------------------------------------------------------------------------------
// check() against the tables
// ---------------------------------------------------------------------------------------

template <typename Request>
void expect_checks(const Request& valid, const std::vector<Case<Request>>& cases) {
  ASSERT_FALSE(cases.empty());
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    Request request = valid;
    c.change(request);
    const std::optional<Status> problem = check(request);
    if (c.code == 0) {
      EXPECT_FALSE(problem.has_value()) << (problem ? problem->to_string() : "");
      continue;
    }
    ASSERT_TRUE(problem.has_value());
    EXPECT_EQ(problem->category, ErrorCategory::invalid_argument);
    EXPECT_EQ(problem->api_code, c.code);
    EXPECT_EQ(problem->message, c.message);
    EXPECT_FALSE(problem->retryable());
  }
}

TEST(Check, Upload) { expect_checks(valid_upload(fake_ids()), upload_cases(fake_ids())); }
TEST(Check, VideoTaskCreate) {
  expect_checks(valid_video_task(fake_ids()), video_task_cases(fake_ids()));
}
TEST(Check, DubbingTaskCreate) { expect_checks(valid_dubbing_task(), dubbing_task_cases()); }
TEST(Check, DubbingTaskCreateBody) {
  expect_checks(valid_dubbing_body(), dubbing_body_cases(fake_ids()));
}
TEST(Check, VideoTaskList) {
  expect_checks(valid_video_task_query(fake_ids()), video_task_query_cases(fake_ids()));
}
TEST(Check, VideoList) {
  expect_checks(valid_video_list_query(fake_ids()), video_list_query_cases(fake_ids()));
}
TEST(Check, ScriptTaskCreate) {
  expect_checks(valid_script_task(fake_ids()), script_task_cases(fake_ids()));
}
TEST(Check, ScriptTaskGet) {
  expect_checks(valid_script_task_query(fake_ids()), script_task_query_cases(fake_ids()));
}
TEST(Check, ScriptList) {
  expect_checks(valid_script_list_query(fake_ids()), script_list_query_cases(fake_ids()));
}
TEST(Check, AvatarList) { expect_checks(valid_avatar_list_query(), avatar_list_query_cases()); }
TEST(Check, AvatarVideoTaskCreate) { expect_checks(valid_avatar_video_tasks(), avatar_video_task_cases()); }
TEST(Check, AvatarVideoTaskGet) {
  expect_checks(valid_avatar_video_task_query(), avatar_video_task_query_cases());
}
TEST(Check, AvatarVideoList) {
  expect_checks(valid_avatar_video_list_query(), avatar_video_list_query_cases());
}
TEST(Check, AvatarVideoRename) { expect_checks(valid_rename(), rename_cases()); }

// Bytes that are not UTF-8 are refused in the avatar requests too, the filtering object's
// members included.
TEST(Check, AvatarRequestsRefuseInvalidUtf8) {
  auto create = valid_avatar_video_tasks();
  create.material_packages[0].script = "caf\xC3";
  std::optional<Status> problem = check(create);
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->message, "body: must be valid UTF-8");

  AvatarVideoListQuery list;
  list.avatar_id = "\xFF";
  problem = check(list);
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->message, "query: parameters must be valid UTF-8");
}

// Only client-side: NaN and infinities have no JSON form.
TEST(Check, DubbingTimesMustBeFinite) {
  auto request = valid_dubbing_task();
  request.dubbing_video_info[0].scripts = {{"a", 0, std::numeric_limits<double>::infinity()}};
  auto problem = check(request);
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->api_code, 40002);
  EXPECT_EQ(problem->message.rfind("dubbing_video_info[0].scripts[0].text_end_time: must be a finite number", 0), 0u)
      << problem->message;
  request.dubbing_video_info[0].scripts = {{"a", std::numeric_limits<double>::quiet_NaN(), 1}};
  problem = check(request);
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->message.rfind("dubbing_video_info[0].scripts[0].text_start_time: must be a finite number", 0),
            0u)
      << problem->message;
}

// Only client-side: no JSON form, or bytes the JSON writer would throw on.
TEST(Check, PriceMustBeFinite) {
  auto request = valid_video_task(fake_ids());
  request.product_video_info.product_info_list[0].price = std::numeric_limits<double>::quiet_NaN();
  auto problem = check(request);
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->api_code, 40002);
  EXPECT_EQ(problem->message.rfind(
                "product_video_info.product_info_list[0].price: must be a finite number", 0),
            0u)
      << problem->message;
  auto script = valid_script_task(fake_ids());
  script.product_info->price = std::numeric_limits<double>::infinity();
  problem = check(script);
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->message.rfind("product_info.price: must be a finite number", 0), 0u)
      << problem->message;
}

TEST(Check, InvalidUtf8IsRefusedBeforeAnyRule) {
  auto video = valid_video_task(fake_ids());
  video.product_video_info.video_generation_count = 9;                // a rule broken before it
  video.product_video_info.product_info_list[0].title = "caf\xC3";  // cut in a character
  auto problem = check(video);
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->api_code, 40002);
  EXPECT_EQ(problem->message, "body: must be valid UTF-8");

  auto script = valid_script_task(fake_ids());
  script.script_info->tone = "\xED\xA0\x80";  // a surrogate
  problem = check(script);
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->message, "body: must be valid UTF-8");

  auto upload = valid_upload(fake_ids());
  upload.video_url = "https://cdn.example.com/\xC0\xAF.mp4";  // overlong
  problem = check(upload);
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->message, "body: must be valid UTF-8");

  auto tasks = valid_video_task_query(fake_ids());
  tasks.task_ids[0] = "\xFF";
  problem = check(tasks);
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->message, "query: parameters must be valid UTF-8");

  VideoListQuery list;
  list.aigc_video_types = {AigcVideoType("\xF5\x80\x80\x80")};  // past U+10FFFF
  problem = check(list);
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->message, "query: parameters must be valid UTF-8");

  ScriptTaskQuery get;
  get.task_id = "\x80";
  problem = check(get);
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->message, "query: parameters must be valid UTF-8");

  // Valid multi-byte text passes.
  video = valid_video_task(fake_ids());
  video.product_video_info.product_info_list[0].title = "Caf\xC3\xA9 \xF0\x9F\x98\x80 \xE2\x82\xAC";
  EXPECT_FALSE(check(video));
}

// ---------------------------------------------------------------------------------------
// Parity with the mock
// ---------------------------------------------------------------------------------------

constexpr const char* kToken = "validation-test";

class Parity : public ::testing::Test {
 protected:

  void SetUp() override {
    server.start();
    http = std::make_unique<httplib::Client>(server.base_url());
    http->set_read_timeout(15, 0);
    // Real ids, so that valid requests pass the mock's existence checks too.
    for (int i = 0; i < 25; ++i) {
      UploadVideoRequest upload;
      upload.video_url = "https://cdn.example.com/stock/" + std::to_string(i) + ".mp4";
      const json data = data_of(send(upload));
      ASSERT_TRUE(data.is_array() && data.size() == 1) << data.dump();
      ids.videos.push_back(data[0].at("video_id").get<std::string>());
    }
    for (int i = 0; i < 2; ++i) {
      CreateVideoTaskRequest create = valid_video_task(ids);
      create.product_video_info.video_generation_count = 3;
      const json data = data_of(send(create));
      for (const auto& id : data.at("task_ids")) ids.tasks.push_back(id.get<std::string>());
    }
    ASSERT_EQ(ids.tasks.size(), 6u);
    CreateScriptTaskRequest script;
    script.script_source = ScriptSource::custom();
    script.custom_prompt = "A short ad.";
    ids.script_task = data_of(send(script)).at("task_id").get<std::string>();
  }
  void TearDown() override { server.stop(); }

  struct Answer {
    int code = -1;
    std::string message;
    json data;
  };

  static Answer answer_of(const httplib::Result& result) {
    Answer answer;
    if (!result) {
      ADD_FAILURE() << "transport error: " << httplib::to_string(result.error());
      return answer;
    }
    EXPECT_EQ(result->status, 200) << result->body;
    const json envelope = json::parse(result->body, nullptr, false);
    if (!envelope.is_object()) {
      ADD_FAILURE() << "not an envelope: " << result->body;
      return answer;
    }
    answer.code = envelope.value("code", -1);
    answer.message = envelope.value("message", "");
    answer.data = envelope.value("data", json());
    return answer;
  }
  static json data_of(const Answer& answer) {
    EXPECT_EQ(answer.code, 0) << answer.message;
    return answer.data;
  }

  Answer post(const char* path, const std::string& body) {
    return answer_of(http->Post((std::string("/open_api/v1.3/") + path).c_str(), headers, body,
                                "application/json"));
  }
  Answer get(const char* path, const QueryParams& params) {
    std::string target = std::string("/open_api/v1.3/") + path;
    char separator = '?';
    for (const auto& [name, value] : params) {
      target += separator + httplib::detail::encode_query_param(name) + "=" +
                httplib::detail::encode_query_param(value);
      separator = '&';
    }
    return answer_of(http->Get(target.c_str(), headers));
  }

  Answer send(const UploadVideoRequest& r) {
    return post("file/video/ad/upload/", to_body(r).dump());
  }
  Answer send(const CreateVideoTaskRequest& r) {
    return post("creative/aigc/video/task/create/", to_body(r).dump());
  }
  Answer send(const VideoTaskBody& r) { return post("creative/aigc/video/task/create/", r.body.dump()); }
  Answer send(const CreateScriptTaskRequest& r) {
    return post("creative/aigc/script_generation/task/create/", to_body(r).dump());
  }
  Answer send(const VideoTaskQuery& r) {
    return get("creative/aigc/video/task/list/", to_query(r));
  }
  Answer send(const VideoListQuery& r) { return get("creative/aigc/video/list/", to_query(r)); }
  Answer send(const ScriptTaskQuery& r) {
    return get("creative/aigc/script/task/get/", to_query(r));
  }
  Answer send(const ScriptListQuery& r) { return get("creative/aigc/script/list/", to_query(r)); }
  Answer send(const AvatarListQuery& r) { return get("creative/digital_avatar/get/", to_query(r)); }
  Answer send(const CreateAvatarVideoTasksRequest& r) {
    return post("creative/digital_avatar/video/task/create/", to_body(r).dump());
  }
  Answer send(const AvatarVideoTaskQuery& r) {
    return get("creative/digital_avatar/video/task/get/", to_query(r));
  }
  Answer send(const AvatarVideoListQuery& r) {
    return get("creative/digital_avatar/video/list/", to_query(r));
  }
  Answer send(const RenameAvatarVideoRequest& r) { return post("file/video/ad/update/", to_body(r).dump()); }

  // Every case, valid or not: the mock answers what check() says (0 "OK" when nothing).
  // With `refusals_only`, the valid cases are left out: their made-up ids would be 40007.
  template <typename Request>
  void expect_parity(const Request& valid, const std::vector<Case<Request>>& cases, bool refusals_only = false) {
    ASSERT_FALSE(cases.empty());
    int invalid = 0;
    for (const auto& c : cases) {
      if (refusals_only && c.code == 0) continue;
      SCOPED_TRACE(c.name);
      Request request = valid;
      c.change(request);
      const std::optional<Status> problem = check(request);
      EXPECT_EQ(problem ? problem->api_code : 0, c.code);  // the table agrees with check()
      const Answer answer = send(request);
      EXPECT_EQ(answer.code, problem ? problem->api_code : 0);
      EXPECT_EQ(answer.message, problem ? problem->message : "OK");
      invalid += problem.has_value();
    }
    EXPECT_GT(invalid, 0);
  }

  mock::MockServer server{testing::quiet_mock_options()};
  std::unique_ptr<httplib::Client> http;
  httplib::Headers headers{{"Access-Token", kToken}};
  Ids ids;
};

TEST_F(Parity, Upload) { expect_parity(valid_upload(ids), upload_cases(ids)); }
TEST_F(Parity, VideoTaskCreate) { expect_parity(valid_video_task(ids), video_task_cases(ids)); }
TEST_F(Parity, DubbingTaskCreate) { expect_parity(valid_dubbing_task(), dubbing_task_cases()); }
TEST_F(Parity, DubbingTaskCreateBody) { expect_parity(valid_dubbing_body(), dubbing_body_cases(ids)); }
TEST_F(Parity, VideoTaskList) {
  expect_parity(valid_video_task_query(ids), video_task_query_cases(ids));
}
TEST_F(Parity, VideoList) {
  expect_parity(valid_video_list_query(ids), video_list_query_cases(ids));
}
TEST_F(Parity, ScriptTaskCreate) { expect_parity(valid_script_task(ids), script_task_cases(ids)); }
TEST_F(Parity, ScriptTaskGet) {
  expect_parity(valid_script_task_query(ids), script_task_query_cases(ids));
}
TEST_F(Parity, ScriptList) {
  expect_parity(valid_script_list_query(ids), script_list_query_cases(ids));
}

TEST_F(Parity, AvatarList) { expect_parity(valid_avatar_list_query(), avatar_list_query_cases()); }
TEST_F(Parity, AvatarVideoTaskCreate) {
  expect_parity(valid_avatar_video_tasks(), avatar_video_task_cases());
}
TEST_F(Parity, AvatarVideoTaskGet) {
  expect_parity(valid_avatar_video_task_query(), avatar_video_task_query_cases(), /*refusals_only=*/true);
}
TEST_F(Parity, AvatarVideoList) {
  expect_parity(valid_avatar_video_list_query(), avatar_video_list_query_cases());
}
TEST_F(Parity, AvatarVideoRename) { expect_parity(valid_rename(), rename_cases(), /*refusals_only=*/true); }

// Invalid UTF-8 cannot go through nlohmann's writer; send the bytes by hand.
TEST_F(Parity, InvalidUtf8) {
  auto video = valid_video_task(ids);
  video.product_video_info.product_info_list[0].title = "caf\xC3";
  const std::optional<Status> problem = check(video);
  ASSERT_TRUE(problem);
  std::string body = to_body(valid_video_task(ids)).dump();
  const std::string title = "\"Glow all day\"";
  body.replace(body.find(title), title.size(), "\"caf\xC3\"");
  const Answer posted = post("creative/aigc/video/task/create/", body);
  EXPECT_EQ(posted.code, problem->api_code);
  EXPECT_EQ(posted.message, problem->message);

  auto query = valid_video_task_query(ids);
  query.aigc_video_type = AigcVideoType("\xFF");
  const std::optional<Status> query_problem = check(query);
  ASSERT_TRUE(query_problem);
  const Answer got = send(query);
  EXPECT_EQ(got.code, query_problem->api_code);
  EXPECT_EQ(got.message, query_problem->message);
}

}  // namespace
}  // namespace tiktok_aigc

// ---------------------------------------------------------------------------------------
// The URL scanners against the regular expressions they replace
// ---------------------------------------------------------------------------------------

namespace tiktok_aigc {
namespace {

// The grammar is_http_url and url_path implement, as regular expressions (ECMAScript,
// case-insensitive); the client scans by hand because <regex> is costly to compile.
const std::regex kHttpUrl(
    R"(^https?://([A-Za-z0-9.\-]+|\[[0-9A-Fa-f:.]+\])(:[0-9]{1,5})?(/[A-Za-z0-9\-._~!$&'()*+,;=:@/%]*)?(\?[A-Za-z0-9\-._~!$&'()*+,;=:@/?%]*)?(#[A-Za-z0-9\-._~!$&'()*+,;=:@/?%]*)?$)",
    std::regex::icase);
const std::regex kUrlParts(R"(^(https?)://(\[([^\]]+)\]|([^/:?#]+))(:([0-9]{1,5}))?([^#]*))",
                           std::regex::icase);

bool regex_is_http_url(const std::string& url) {
  if (url.size() > 2048 || !std::regex_match(url, kHttpUrl)) return false;
  for (std::size_t i = url.find('%'); i != std::string::npos; i = url.find('%', i + 1)) {
    if (i + 2 >= url.size() || !std::isxdigit(static_cast<unsigned char>(url[i + 1])) ||
        !std::isxdigit(static_cast<unsigned char>(url[i + 2]))) {
      return false;
    }
  }
  return true;
}

std::string regex_url_path(const std::string& url) {
  std::smatch match;
  if (!std::regex_search(url, match, kUrlParts)) return url;
  const std::string target = match[7].length() ? match[7].str() : "/";
  return target.substr(0, target.find('?'));
}

TEST(UrlScanner, AgreesWithTheGrammarOnEveryEdge) {
  const std::vector<std::string> urls = {
      "https://cdn.example.com/a.mp4", "HTTP://CDN.EXAMPLE.COM/A.MP4", "HtTpS://h", "http://h/",
      "https://h:8080/a.mp4?x=1#frag", "https://h:/a.mp4", "https://h:123456/a.mp4",
      "https://h:1234567/a.mp4", "https://h:12a/x", "https://[::1]:9/a.mov", "https://[::1/a",
      "https://[]/a", "https://[zz]/a", "https://[a/b]/c.mp4", "https:///a.mp4", "https://",
      "http:/h/a", "ftp://h/a.mp4", "https://h/a b.mp4", "https://h/a%20b.mp4",
      "https://h/a%2", "https://h/a%zz", "https://h/%", "https://h?q=1", "https://h#f",
      "https://h/a?b?c#d?e", "https://h/a#b#c", "https://h/ä.mp4", "https://h_h/a",
      "https://h/a.mp4?download=1.mov", "https://user@h/a", "httpss://h/a", "https:h/a",
      "", "http://", "https://h:/", "https://h:99999999/x.avi", std::string(2049, 'a'),
      "https://h/" + std::string(2030, 'a'), "https://h/" + std::string(2040, 'a'),
      "https://h/a\\b", "https://h/a\"b", "https://h/a<b>", "https://h/[x]", "https://h/{x}",
      "https://h/a|b", "https://h/a^b", "https://h/a`b", "https://h:8080", "https://h:8080?x",
      "https://h.:1/.mp4", "https://-/a", "https://1.2.3.4:65535/v.mpeg"};
  for (const auto& url : urls) {
    EXPECT_EQ(api::strings::is_http_url(url), regex_is_http_url(url)) << url;
    EXPECT_EQ(api::strings::url_path(url), regex_url_path(url)) << url;
  }
}

}  // namespace
}  // namespace tiktok_aigc

namespace tiktok_aigc {
namespace {

// A boolean is true or false, and a condition on it holds only when it is true.
TEST(Schema, BooleansAndTheirConditions) {
  using namespace api;  // NOLINT: the builders, in a test
  const ValueRule rule = object({
      optional("flag", boolean()),
      ignored_unless(when_true("flag"), "text", text(3)),
  });
  std::optional<Violation> violation = validate(rule, nlohmann::json{{"flag", "yes"}});
  ASSERT_TRUE(violation);
  EXPECT_EQ(violation->message, R"(flag: must be true or false, got "yes")");
  EXPECT_FALSE(validate(rule, nlohmann::json{{"flag", false}, {"text", "too long"}}));
  violation = validate(rule, nlohmann::json{{"flag", true}, {"text", "too long"}});
  ASSERT_TRUE(violation);
  EXPECT_EQ(violation->message, "text: must be at most 3 characters, got 8");
}

// The first violation decides; when it is a missing field, every later missing field is
// named in the same message and no other rule is reported.
TEST(Schema, NamesEveryMissingFieldAfterTheFirst) {
  using namespace api;  // NOLINT: the builders, in a test
  const ValueRule rule = object({
      required("a", text()),
      required("b", text(3)),
      required("c", array_of(object({required("d", text())}), 1, 1)),
      required_when(when("f", {"G"}), "e", text()),
      optional("f", text()),
  });
  nlohmann::json body = {{"b", "abcd"}, {"c", {nlohmann::json::object(), nlohmann::json::object()}}, {"f", "G"}};
  std::optional<Violation> violation = validate(rule, body);
  ASSERT_TRUE(violation);
  EXPECT_EQ(violation->message, "Missing required field(s): a, c[0].d, c[1].d, e (required when f is G)");

  body["a"] = "";
  violation = validate(rule, body);
  ASSERT_TRUE(violation);
  EXPECT_EQ(violation->message, "a: must not be empty");
}

}  // namespace
}  // namespace tiktok_aigc

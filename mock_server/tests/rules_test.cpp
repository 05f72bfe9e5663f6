// Every documented request rule, at its boundary: the last valid value answers code 0, the
// first invalid one the documented code with a message naming the field's JSON path
// (docs/mock-server.md, "Order of checks"). Tables read like the documents: a name, a change
// to a valid request, the expected code, and the text the message must contain.
#include <functional>
#include <optional>
#include <ostream>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace tiktok_aigc::mock::testing {
namespace {

// ---------------------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------------------

json image_urls(std::size_t n) {
  json urls = json::array();
  for (std::size_t i = 0; i < n; ++i) {
    urls.push_back("https://cdn.example.com/img/" + std::to_string(i) + ".png");
  }
  return urls;
}

json phrases(std::size_t n) {
  json out = json::array();
  for (std::size_t i = 0; i < n; ++i) out.push_back("Selling point " + std::to_string(i + 1));
  return out;
}

// 19-digit ids nobody created (quirk 13: ids are strings of 19 digits).
json fake_ids(std::size_t n) {
  json out = json::array();
  for (std::size_t i = 0; i < n; ++i) out.push_back(std::to_string(7000000000000000000ull + i));
  return out;
}

// An error answer keeps the documented envelope: HTTP 200, data {}, a request_id.
void expect_error_envelope(const Reply& reply) {
  EXPECT_EQ(reply.status, 200) << reply.body;
  ASSERT_TRUE(reply.parsed.is_object()) << reply.body;
  ASSERT_TRUE(reply.parsed.contains("data")) << reply.body;
  EXPECT_EQ(reply.data(), json::object()) << reply.body;
  ASSERT_TRUE(reply.parsed.contains("request_id")) << reply.body;
  ASSERT_TRUE(reply.parsed.at("request_id").is_string()) << reply.body;
  static const std::regex request_id("^[0-9]{14}[0-9A-F]{20}$");
  EXPECT_TRUE(std::regex_match(reply.parsed.at("request_id").get<std::string>(), request_id))
      << reply.body;
  ASSERT_TRUE(reply.parsed.contains("message") && reply.parsed.at("message").is_string())
      << reply.body;
}

// The envelope code, or -1 when the answer is not an envelope.
int code_of(const Reply& reply) {
  if (reply.status != 200 || !reply.parsed.is_object() || !reply.parsed.contains("code") ||
      !reply.parsed.at("code").is_number_integer()) {
    return -1;
  }
  return reply.code();
}

// Code 0 with "OK", or `code` with a message containing `names` in the error envelope.
void expect_outcome(const Reply& reply, int code, const std::string& names) {
  ASSERT_EQ(reply.status, 200) << reply.body;
  ASSERT_TRUE(reply.parsed.is_object() && reply.parsed.contains("code")) << reply.body;
  EXPECT_EQ(reply.code(), code) << reply.body;
  if (code == 0) {
    EXPECT_EQ(reply.message(), "OK") << reply.body;
    return;
  }
  expect_error_envelope(reply);
  if (reply.parsed.contains("message") && reply.parsed.at("message").is_string()) {
    EXPECT_NE(reply.message().find(names), std::string::npos)
        << "the message should contain \"" << names << "\": " << reply.message();
  }
}

// gtest parameter names: letters, digits and '_'.
std::string test_name(const std::string& text) {
  std::string out;
  for (char c : text) {
    const bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (word) {
      out += c;
    } else if (!out.empty() && out.back() != '_') {
      out += '_';
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out;
}

// ---------------------------------------------------------------------------------------
// Table-driven POST bodies
// ---------------------------------------------------------------------------------------

// What a mutation may need beyond the body: uploads of real videos, by any token.
struct Ctx {
  std::function<std::vector<std::string>(std::size_t n, const std::string& token)> upload;
};
using Mutation = std::function<void(json& body, Ctx& ctx)>;

struct Case {
  std::string name;
  Mutation mutate;
  int code;           // expected envelope code
  std::string names;  // text the message must contain (the field's JSON path)
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

std::string case_name(const ::testing::TestParamInfo<Case>& info) { return test_name(info.param.name); }

Mutation nothing() {
  return [](json&, Ctx&) {};
}
Mutation set(const std::string& pointer, json value) {
  return [pointer, value](json& body, Ctx&) { body[json::json_pointer(pointer)] = value; };
}
Mutation erase(const std::string& pointer) {
  return [pointer](json& body, Ctx&) {
    const json::json_pointer at(pointer);
    body.at(at.parent_pointer()).erase(at.back());
  };
}
Mutation both(Mutation first, Mutation second) {
  return [first, second](json& body, Ctx& ctx) {
    first(body, ctx);
    second(body, ctx);
  };
}
Mutation all(std::vector<Mutation> steps) {
  return [steps](json& body, Ctx& ctx) {
    for (const auto& step : steps) step(body, ctx);
  };
}

// ---- Video task create -----------------------------------------------------------------

constexpr const char* kPvi = "/product_video_info";
constexpr const char* kInfo = "/product_video_info/product_info_list/0";
const std::string kInfoPath = "product_video_info.product_info_list[0]";

std::string info(const std::string& field) { return std::string(kInfo) + "/" + field; }
std::string pvi(const std::string& field) { return std::string(kPvi) + "/" + field; }
std::string missing(const std::string& path) { return "Missing required field(s): " + path; }

// Turns the VOICEOVER base into a documented AVATAR_PRODUCT request.
Mutation avatar() {
  return all({set("/aigc_video_type", "AVATAR_PRODUCT"),
              set(pvi("input_image_list"), {{"image_url_list", image_urls(3)}}),
              set(pvi("avatar_info"), {{"avatar_id", "7100000000000000001"}})});
}
// Same, without the stock videos (optional for AVATAR_PRODUCT).
Mutation avatar_images_only() { return both(avatar(), erase(pvi("input_video_list"))); }

// Replaces the video ids with n fresh uploads of `token`.
Mutation uploaded_videos(std::size_t n, std::string token = kToken) {
  return [n, token](json& body, Ctx& ctx) {
    body[json::json_pointer(pvi("input_video_list/video_id_list"))] = ctx.upload(n, token);
  };
}

std::vector<Case> video_task_create_cases() {
  const std::string vil = "product_video_info.input_video_list.video_id_list";
  const std::string iul = "product_video_info.input_image_list.image_url_list";
  return {
      // aigc_video_type: enum, required
      {"valid VOICEOVER", nothing(), 0, ""},
      {"aigc_video_type STOCK_VIDEO", set("/aigc_video_type", "STOCK_VIDEO"), 0, ""},
      {"aigc_video_type AVATAR_PRODUCT", avatar(), 0, ""},
      {"aigc_video_type unknown", set("/aigc_video_type", "HOLOGRAM"), 40002, "aigc_video_type"},
      {"aigc_video_type lower case", set("/aigc_video_type", "voiceover"), 40002, "aigc_video_type"},
      {"aigc_video_type missing", erase("/aigc_video_type"), 40002, missing("aigc_video_type")},
      {"aigc_video_type number", set("/aigc_video_type", 1), 40002, "aigc_video_type"},
      // product_video_info: required
      {"product_video_info missing", erase(kPvi), 40002, missing("product_video_info")},
      {"product_video_info array", set(kPvi, json::array()), 40002, "product_video_info"},
      // video_generation_count: 1-5, an integer, default 1
      {"video_generation_count 1", set(pvi("video_generation_count"), 1), 0, ""},
      {"video_generation_count 5", set(pvi("video_generation_count"), 5), 0, ""},
      {"video_generation_count absent", erase(pvi("video_generation_count")), 0, ""},
      {"video_generation_count 0", set(pvi("video_generation_count"), 0), 40002,
       "product_video_info.video_generation_count"},
      {"video_generation_count 6", set(pvi("video_generation_count"), 6), 40002,
       "product_video_info.video_generation_count"},
      {"video_generation_count minus 1", set(pvi("video_generation_count"), -1), 40002,
       "product_video_info.video_generation_count"},
      {"video_generation_count 2.5", set(pvi("video_generation_count"), 2.5), 40002,
       "product_video_info.video_generation_count"},
      {"video_generation_count string", set(pvi("video_generation_count"), "3"), 40002,
       "product_video_info.video_generation_count"},
      // target_language: checked for VOICEOVER and AVATAR_PRODUCT, ignored for STOCK_VIDEO
      {"target_language es", set(pvi("target_language"), "es"), 0, ""},
      {"target_language id", set(pvi("target_language"), "id"), 0, ""},
      {"target_language absent", erase(pvi("target_language")), 0, ""},
      {"target_language xx VOICEOVER", set(pvi("target_language"), "xx"), 40002,
       "product_video_info.target_language"},
      {"target_language EN VOICEOVER", set(pvi("target_language"), "EN"), 40002,
       "product_video_info.target_language"},
      {"target_language xx AVATAR_PRODUCT", both(avatar(), set(pvi("target_language"), "xx")),
       40002, "product_video_info.target_language"},
      {"target_language xx STOCK_VIDEO ignored",
       both(set("/aigc_video_type", "STOCK_VIDEO"), set(pvi("target_language"), "xx")), 0, ""},
      // product_info_list: required, max size 1
      {"product_info_list missing", erase(pvi("product_info_list")), 40002,
       missing("product_video_info.product_info_list")},
      {"product_info_list empty", set(pvi("product_info_list"), json::array()), 40002,
       "product_video_info.product_info_list"},
      {"product_info_list 2 items",
       [](json& b, Ctx&) {
         auto& list = b[json::json_pointer(pvi("product_info_list"))];
         list.push_back(list[0]);
       },
       40002, "product_video_info.product_info_list"},
      {"product_info_list object", set(pvi("product_info_list"), {{"source_language", "en"}, {"product_name", "Glow Serum"}}),
       40002, "product_video_info.product_info_list"},
      // required fields of each product
      {"source_language missing", erase(info("source_language")), 40002,
       missing(kInfoPath + ".source_language")},
      {"source_language empty", set(info("source_language"), ""), 40002,
       kInfoPath + ".source_language"},
      {"source_language free text", set(info("source_language"), "pt-BR"), 0, ""},
      {"product_name missing", erase(info("product_name")), 40002,
       missing(kInfoPath + ".product_name")},
      {"title missing", erase(info("title")), 40002, missing(kInfoPath + ".title")},
      {"description missing", erase(info("description")), 40002,
       missing(kInfoPath + ".description")},
      {"selling_points missing", erase(info("selling_points")), 40002,
       missing(kInfoPath + ".selling_points")},
      {"required field null", set(info("title"), nullptr), 40002, missing(kInfoPath + ".title")},
      // length limits, in characters
      {"product_name 500", set(info("product_name"), std::string(500, 'a')), 0, ""},
      {"product_name 501", set(info("product_name"), std::string(501, 'a')), 40002,
       kInfoPath + ".product_name"},
      {"title 500", set(info("title"), std::string(500, 'a')), 0, ""},
      {"title 501", set(info("title"), std::string(501, 'a')), 40002, kInfoPath + ".title"},
      {"description 300", set(info("description"), std::string(300, 'a')), 0, ""},
      {"description 301", set(info("description"), std::string(301, 'a')), 40002,
       kInfoPath + ".description"},
      {"description 300 e acute", set(info("description"), repeat("\xC3\xA9", 300)), 0, ""},
      {"description 301 e acute", set(info("description"), repeat("\xC3\xA9", 301)), 40002,
       kInfoPath + ".description"},
      {"description 300 emoji", set(info("description"), repeat("\xF0\x9F\x98\x80", 300)), 0, ""},
      {"description 301 emoji", set(info("description"), repeat("\xF0\x9F\x98\x80", 301)), 40002,
       kInfoPath + ".description"},
      {"product_name 500 CJK", set(info("product_name"), repeat("\xE5\x95\x86", 500)), 0, ""},
      {"product_name 501 CJK", set(info("product_name"), repeat("\xE5\x95\x86", 501)), 40002,
       kInfoPath + ".product_name"},
      {"brand 100", set(info("brand"), std::string(100, 'b')), 0, ""},
      {"brand 101", set(info("brand"), std::string(101, 'b')), 40002, kInfoPath + ".brand"},
      {"brand 100 e acute", set(info("brand"), repeat("\xC3\xA9", 100)), 0, ""},
      {"brand 101 e acute", set(info("brand"), repeat("\xC3\xA9", 101)), 40002,
       kInfoPath + ".brand"},
      {"brand absent", erase(info("brand")), 0, ""},
      // selling_points: max size 10
      {"selling_points 10", set(info("selling_points"), phrases(10)), 0, ""},
      {"selling_points 11", set(info("selling_points"), phrases(11)), 40002,
       kInfoPath + ".selling_points"},
      {"selling_points object", set(info("selling_points"), json::object()), 40002,
       kInfoPath + ".selling_points"},
      {"selling_points number item", set(info("selling_points"), json::array({"ok", 5})), 40002,
       kInfoPath + ".selling_points[1]"},
      // price: a number >= 0; currency: ISO 4217
      {"price 12.98", set(info("price"), 12.98), 0, ""},
      {"price 0", set(info("price"), 0), 0, ""},
      {"price integer", set(info("price"), 25), 0, ""},
      {"price string", set(info("price"), "12.98"), 40002, kInfoPath + ".price"},
      {"price negative", set(info("price"), -0.01), 40002, kInfoPath + ".price"},
      {"currency EUR", set(info("currency"), "EUR"), 0, ""},
      {"currency lower case", set(info("currency"), "usd"), 40002, kInfoPath + ".currency"},
      {"currency two letters", set(info("currency"), "US"), 40002, kInfoPath + ".currency"},
      {"currency four letters", set(info("currency"), "USDT"), 40002, kInfoPath + ".currency"},
      {"currency symbol", set(info("currency"), "$"), 40002, kInfoPath + ".currency"},
      // input_image_list: required for AVATAR_PRODUCT, 3-30 http(s) URLs
      {"AVATAR_PRODUCT images only", avatar_images_only(), 0, ""},
      {"input_image_list missing AVATAR_PRODUCT",
       both(avatar(), erase(pvi("input_image_list"))), 40002,
       missing("product_video_info.input_image_list")},
      {"image_url_list missing AVATAR_PRODUCT",
       both(avatar(), set(pvi("input_image_list"), json::object())), 40002,
       missing("product_video_info.input_image_list.image_url_list")},
      {"image_url_list 3", both(avatar(), set(pvi("input_image_list/image_url_list"), image_urls(3))),
       0, ""},
      {"image_url_list 30",
       both(avatar(), set(pvi("input_image_list/image_url_list"), image_urls(30))), 0, ""},
      {"image_url_list 2", both(avatar(), set(pvi("input_image_list/image_url_list"), image_urls(2))),
       40002, iul},
      {"image_url_list 31",
       both(avatar(), set(pvi("input_image_list/image_url_list"), image_urls(31))), 40002, iul},
      {"image_url_list http", both(avatar(), set(pvi("input_image_list/image_url_list/1"),
                                                 "http://cdn.example.com/img/x.jpg")),
       0, ""},
      // Invalid image URLs are documented as unused, not refused.
      {"image_url_list ftp", both(avatar(), set(pvi("input_image_list/image_url_list/1"),
                                                "ftp://cdn.example.com/img/x.png")),
       0, ""},
      {"image_url_list not a URL",
       both(avatar(), set(pvi("input_image_list/image_url_list/2"), "just some text")), 0, ""},
      {"image_url_list empty string",
       both(avatar(), set(pvi("input_image_list/image_url_list/0"), "")), 40002, iul + "[0]"},
      {"image_url_list optional VOICEOVER",
       set(pvi("input_image_list"), {{"image_url_list", image_urls(3)}}), 0, ""},
      // input_video_list: required for STOCK_VIDEO and VOICEOVER, 1-20 ids of this token
      {"input_video_list missing VOICEOVER", erase(pvi("input_video_list")), 40002,
       missing("product_video_info.input_video_list")},
      {"input_video_list missing STOCK_VIDEO",
       both(set("/aigc_video_type", "STOCK_VIDEO"), erase(pvi("input_video_list"))), 40002,
       missing("product_video_info.input_video_list")},
      {"video_id_list missing", set(pvi("input_video_list"), json::object()), 40002,
       missing(vil)},
      {"video_id_list 0", set(pvi("input_video_list/video_id_list"), json::array()), 40002, vil},
      {"video_id_list 20", uploaded_videos(20), 0, ""},
      {"video_id_list 21", set(pvi("input_video_list/video_id_list"), fake_ids(21)), 40011, vil},
      {"video_id_list 21 uploaded", uploaded_videos(21), 40011, vil},
      {"video_id_list string", set(pvi("input_video_list/video_id_list"), "7000000000000000000"),
       40002, vil},
      {"video_id_list number item",
       set(pvi("input_video_list/video_id_list"), json::array({7000000000000000000ull})), 40002,
       vil + "[0]"},
      {"video_id_list unknown id", set(pvi("input_video_list/video_id_list"), fake_ids(1)), 40007,
       vil},
      {"video_id_list another token's upload", uploaded_videos(1, "another-token"), 40007, vil},
      {"video_id_list unknown id STOCK_VIDEO",
       both(set("/aigc_video_type", "STOCK_VIDEO"),
            set(pvi("input_video_list/video_id_list"), fake_ids(2))),
       40007, vil},
      {"video_id_list unknown id AVATAR_PRODUCT",
       both(avatar(), set(pvi("input_video_list/video_id_list"), fake_ids(1))), 40007, vil},
      // avatar_info: avatar_id required when passed; only for AVATAR_PRODUCT
      {"avatar_info absent AVATAR_PRODUCT", both(avatar(), erase(pvi("avatar_info"))), 0, ""},
      {"avatar_id missing AVATAR_PRODUCT", both(avatar(), set(pvi("avatar_info"), json::object())),
       40002, missing("product_video_info.avatar_info.avatar_id")},
      {"avatar_id empty AVATAR_PRODUCT", both(avatar(), set(pvi("avatar_info/avatar_id"), "")),
       40002, "product_video_info.avatar_info.avatar_id"},
      {"avatar_info ignored VOICEOVER", set(pvi("avatar_info"), json::object()), 0, ""},
      {"avatar_info ignored STOCK_VIDEO",
       both(set("/aigc_video_type", "STOCK_VIDEO"), set(pvi("avatar_info"), json::object())), 0,
       ""},
      // wrong JSON types name the field
      {"product_name number", set(info("product_name"), 5), 40002, kInfoPath + ".product_name"},
      {"product_info_list item string", set(pvi("product_info_list/0"), "Glow Serum"), 40002,
       kInfoPath},
      {"input_video_list array", set(pvi("input_video_list"), json::array()), 40002,
       "product_video_info.input_video_list"},
      // null for optional fields is as if absent
      {"brand null", set(info("brand"), nullptr), 0, ""},
      {"price null", set(info("price"), nullptr), 0, ""},
      {"currency null", set(info("currency"), nullptr), 0, ""},
      {"target_language null", set(pvi("target_language"), nullptr), 0, ""},
      {"video_generation_count null", set(pvi("video_generation_count"), nullptr), 0, ""},
      {"avatar_info null AVATAR_PRODUCT", both(avatar(), set(pvi("avatar_info"), nullptr)), 0, ""},
      // fields the documents do not name are accepted (quirk 14)
      {"advertiser_id accepted", set("/advertiser_id", "7000000000000000001"), 0, ""},
      {"unknown nested field accepted", set(info("sku"), "GS-30"), 0, ""},
  };
}


// ---- Script task create ------------------------------------------------------------------

// Turns the PRODUCT base into a documented CUSTOM request.
Mutation custom() {
  return [](json& body, Ctx&) {
    body = {{"script_source", "CUSTOM"},
            {"custom_prompt", "Write an upbeat script about a vitamin C serum for busy mornings."}};
  };
}

json script_product_info() {
  return {{"name", "Glow Serum"}, {"description", "A light vitamin C serum for daily use."}};
}

// media_list with `images` image URLs and `videos` fresh uploads of this token.
Mutation media(std::size_t images, std::size_t videos) {
  return [images, videos](json& body, Ctx& ctx) {
    json list = json::object();
    if (images > 0) list["image_url_list"] = image_urls(images);
    if (videos > 0) list["video_id_list"] = ctx.upload(videos, kToken);
    body["media_list"] = list;
  };
}

std::vector<Case> script_task_create_cases() {
  return {
      // script_source: enum, required
      {"valid PRODUCT", nothing(), 0, ""},
      {"valid CUSTOM", custom(), 0, ""},
      {"script_source unknown", set("/script_source", "URL"), 40002, "script_source"},
      {"script_source lower case", set("/script_source", "product"), 40002, "script_source"},
      {"script_source missing", erase("/script_source"), 40002, missing("script_source")},
      // custom_prompt: required for CUSTOM, refused for PRODUCT, at most 3000 characters
      {"custom_prompt missing CUSTOM", both(custom(), erase("/custom_prompt")), 40002,
       missing("custom_prompt")},
      {"custom_prompt empty CUSTOM", both(custom(), set("/custom_prompt", "")), 40002,
       "custom_prompt"},
      {"custom_prompt PRODUCT", set("/custom_prompt", "Write a script."), 40002,
       "custom_prompt: not supported when script_source is PRODUCT"},
      {"custom_prompt 3000", both(custom(), set("/custom_prompt", std::string(3000, 'p'))), 0, ""},
      {"custom_prompt 3001", both(custom(), set("/custom_prompt", std::string(3001, 'p'))), 40002,
       "custom_prompt"},
      {"custom_prompt 3000 e acute", both(custom(), set("/custom_prompt", repeat("\xC3\xA9", 3000))),
       0, ""},
      {"custom_prompt 3001 e acute", both(custom(), set("/custom_prompt", repeat("\xC3\xA9", 3001))),
       40002, "custom_prompt"},
      // video_duration: 15S or 30S, refused for CUSTOM
      {"video_duration 15S", set("/video_duration", "15S"), 0, ""},
      {"video_duration 30S", set("/video_duration", "30S"), 0, ""},
      {"video_duration absent", erase("/video_duration"), 0, ""},
      {"video_duration 60S", set("/video_duration", "60S"), 40002, "video_duration"},
      {"video_duration lower case", set("/video_duration", "15s"), 40002, "video_duration"},
      {"video_duration number", set("/video_duration", 15), 40002, "video_duration"},
      {"video_duration CUSTOM", both(custom(), set("/video_duration", "15S")), 40002,
       "video_duration"},
      // product_info: required for PRODUCT, optional for CUSTOM
      {"product_info missing PRODUCT", erase("/product_info"), 40002, missing("product_info")},
      {"product_info CUSTOM with media_list",
       all({custom(), set("/product_info", script_product_info()), media(1, 0)}), 0, ""},
      {"name missing", erase("/product_info/name"), 40002, missing("product_info.name")},
      {"description missing", erase("/product_info/description"), 40002,
       missing("product_info.description")},
      {"name 300", set("/product_info/name", std::string(300, 'n')), 0, ""},
      {"name 301", set("/product_info/name", std::string(301, 'n')), 40002, "product_info.name"},
      {"name 300 e acute", set("/product_info/name", repeat("\xC3\xA9", 300)), 0, ""},
      {"name 301 e acute", set("/product_info/name", repeat("\xC3\xA9", 301)), 40002,
       "product_info.name"},
      {"description 500", set("/product_info/description", std::string(500, 'd')), 0, ""},
      {"description 501", set("/product_info/description", std::string(501, 'd')), 40002,
       "product_info.description"},
      {"brand 100", set("/product_info/brand", std::string(100, 'b')), 0, ""},
      {"brand 101", set("/product_info/brand", std::string(101, 'b')), 40002, "product_info.brand"},
      {"selling_points 10", set("/product_info/selling_points", phrases(10)), 0, ""},
      {"selling_points 11", set("/product_info/selling_points", phrases(11)), 40002,
       "product_info.selling_points"},
      {"selling_points absent", erase("/product_info/selling_points"), 0, ""},
      {"price string", set("/product_info/price", "24.99"), 40002, "product_info.price"},
      {"price negative", set("/product_info/price", -1), 40002, "product_info.price"},
      {"currency lower case", set("/product_info/currency", "usd"), 40002, "product_info.currency"},
      {"currency absent", erase("/product_info/currency"), 0, ""},
      // media_list: required with product_info; images and videos at most 20 in all
      {"media_list missing PRODUCT", erase("/media_list"), 40002, missing("media_list")},
      {"media_list missing CUSTOM with product_info",
       both(custom(), set("/product_info", script_product_info())), 40002, missing("media_list")},
      {"media_list not needed CUSTOM", custom(), 0, ""},
      {"media_list 20 images", media(20, 0), 0, ""},
      {"media_list 21 images", media(21, 0), 40002, "media_list"},
      {"media_list 18 images 2 videos", media(18, 2), 0, ""},
      {"media_list 19 images 2 videos", media(19, 2), 40002, "media_list"},
      {"media_list 20 videos", media(0, 20), 0, ""},
      {"media_list 21 videos", set("/media_list", {{"video_id_list", fake_ids(21)}}), 40011,
       "media_list.video_id_list"},
      {"media_list unknown video", set("/media_list", {{"video_id_list", fake_ids(1)}}), 40007,
       "media_list.video_id_list"},
      {"media_list image not a URL",
       set("/media_list", {{"image_url_list", {"https://cdn.example.com/a.png", "a.png"}}}), 0, ""},
      {"media_list array", set("/media_list", json::array()), 40002, "media_list"},
      // script_info: refused for CUSTOM; script_language enum (ml, not ms); free text
      {"script_info CUSTOM", both(custom(), set("/script_info", {{"tone", "Friendly"}})), 40002,
       "script_info"},
      {"script_language ml", set("/script_info/script_language", "ml"), 0, ""},
      {"script_language vi", set("/script_info/script_language", "vi"), 0, ""},
      {"script_language de", set("/script_info/script_language", "de"), 0, ""},
      {"script_language ms", set("/script_info/script_language", "ms"), 40002,
       "script_info.script_language"},
      {"script_language pt", set("/script_info/script_language", "pt"), 40002,
       "script_info.script_language"},
      {"tone free text", set("/script_info/tone", "Sarcastic"), 0, ""},
      {"style free text", set("/script_info/style", "Deadpan unboxing"), 0, ""},
      {"point_of_view free text", set("/script_info/point_of_view", "From the serum itself"), 0,
       ""},
      {"relevant_industry free text", set("/script_info/relevant_industry", "Space tourism"), 0,
       ""},
      {"tone number", set("/script_info/tone", 3), 40002, "script_info.tone"},
      // script_generation_count: 1-8, an integer
      {"script_generation_count 1", set("/script_generation_count", 1), 0, ""},
      {"script_generation_count 8", set("/script_generation_count", 8), 0, ""},
      {"script_generation_count absent", erase("/script_generation_count"), 0, ""},
      {"script_generation_count 0", set("/script_generation_count", 0), 40002,
       "script_generation_count"},
      {"script_generation_count 9", set("/script_generation_count", 9), 40002,
       "script_generation_count"},
      {"script_generation_count string", set("/script_generation_count", "4"), 40002,
       "script_generation_count"},
      {"script_generation_count 1.5", set("/script_generation_count", 1.5), 40002,
       "script_generation_count"},
      // wrong types, nulls, unknown fields
      {"product_info string", set("/product_info", "Glow Serum"), 40002, "product_info"},
      {"name number", set("/product_info/name", 42), 40002, "product_info.name"},
      {"selling_points object", set("/product_info/selling_points", json::object()), 40002,
       "product_info.selling_points"},
      {"video_duration null", set("/video_duration", nullptr), 0, ""},
      {"script_info null", set("/script_info", nullptr), 0, ""},
      {"brand null", set("/product_info/brand", nullptr), 0, ""},
      {"price null", set("/product_info/price", nullptr), 0, ""},
      {"currency null", set("/product_info/currency", nullptr), 0, ""},
      {"selling_points null", set("/product_info/selling_points", nullptr), 0, ""},
      {"script_generation_count null", set("/script_generation_count", nullptr), 0, ""},
      {"script_language null", set("/script_info/script_language", nullptr), 0, ""},
      {"script_info null CUSTOM", both(custom(), set("/script_info", nullptr)), 0, ""},
      {"advertiser_id accepted", set("/advertiser_id", "7000000000000000001"), 0, ""},
  };
}

// ---- Upload ------------------------------------------------------------------------------

std::vector<Case> upload_cases() {
  const auto url = [](const std::string& value) { return set("/video_url", value); };
  return {
      {"valid", nothing(), 0, ""},
      {"upload_type unknown", set("/upload_type", "UPLOAD_BY_FILE"), 40002, "upload_type"},
      {"upload_type missing", erase("/upload_type"), 40002, missing("upload_type")},
      {"use_scenario unknown", set("/use_scenario", "ADS"), 40002, "use_scenario"},
      {"use_scenario missing", erase("/use_scenario"), 40002, missing("use_scenario")},
      {"video_url missing", erase("/video_url"), 40002, missing("video_url")},
      {"video_url empty", url(""), 40002, "video_url"},
      {"video_url number", set("/video_url", 5), 40002, "video_url"},
      {"video_url http", url("http://cdn.example.com/clips/clip.mp4"), 0, ""},
      {"video_url with port and query", url("https://cdn.example.com:8443/v/clip.mp4?sig=a%2Fb&e=1"),
       0, ""},
      {"video_url space", url("https://cdn.example.com/my clip.mp4"), 40002, "video_url"},
      {"video_url percent 20", url("https://cdn.example.com/my%20clip.mp4"), 0, ""},
      {"video_url bad percent escape", url("https://cdn.example.com/my%zzclip.mp4"), 40002,
       "video_url"},
      {"video_url ftp", url("ftp://cdn.example.com/clip.mp4"), 40002, "video_url"},
      {"video_url no scheme", url("cdn.example.com/clip.mp4"), 40002, "video_url"},
      {"video_url no host", url("https:///clip.mp4"), 40002, "video_url"},
      {"video_url non ASCII", url("https://cdn.example.com/caf\xC3\xA9.mp4"), 40002, "video_url"},
      {"video_url 2048 characters",
       url("https://cdn.example.com/" + std::string(2048 - 28, 'v') + ".mp4"), 0, ""},
      {"video_url 2049 characters",
       url("https://cdn.example.com/" + std::string(2049 - 28, 'v') + ".mp4"), 40002, "video_url"},
      {"extension mp4", url("https://cdn.example.com/x.mp4"), 0, ""},
      {"extension mov", url("https://cdn.example.com/x.mov"), 0, ""},
      {"extension mpeg", url("https://cdn.example.com/x.mpeg"), 0, ""},
      {"extension avi", url("https://cdn.example.com/x.avi"), 0, ""},
      {"extension txt", url("https://cdn.example.com/x.txt"), 40908, "video_url"},
      {"extension none", url("https://cdn.example.com/video"), 40908, "video_url"},
      {"extension only in query", url("https://cdn.example.com/x.txt?name=x.mp4"), 40908,
       "video_url"},
      {"advertiser_id accepted", set("/advertiser_id", "7000000000000000001"), 0, ""},
  };
}

// ---------------------------------------------------------------------------------------
// Table-driven GET queries (quirk 5: lists travel as one JSON value)
// ---------------------------------------------------------------------------------------

// What the queries may refer to: real ids made in the fixture's SetUp.
struct World {
  std::vector<std::string> video_tasks;  // six VOICEOVER tasks of kToken
  std::string other_video_task;          // a task of another token
  std::string script_task;               // a script task of kToken
};

struct QueryCase {
  std::string name;
  const char* path;
  std::function<std::string(const World&)> query;  // the raw, encoded query string
  int code;
  std::string names;
  std::optional<std::size_t> list_size = std::nullopt;  // data.list's size on success
};

void PrintTo(const QueryCase& c, std::ostream* os) { *os << c.name; }

std::string query_case_name(const ::testing::TestParamInfo<QueryCase>& info) {
  return test_name(info.param.name);
}

std::function<std::string(const World&)> fixed(std::string query) {
  return [query](const World&) { return query; };
}

std::string json_param(const std::string& name, const json& value) {
  return name + "=" + encode(value.dump());
}

// The first n video tasks, as the documented task_ids parameter.
std::function<std::string(const World&)> tasks(std::size_t n, std::string rest = "&aigc_video_type=VOICEOVER") {
  return [n, rest](const World& world) {
    const std::vector<std::string> ids(world.video_tasks.begin(), world.video_tasks.begin() + n);
    return json_param("task_ids", ids) + rest;
  };
}

std::vector<QueryCase> paging_cases(const std::string& label, const char* path,
                                    const std::string& filter) {
  const auto q = [&filter](const std::string& paging) {
    return fixed(filter.empty() ? paging : filter + "&" + paging);
  };
  const std::string page_digits(30, '9');
  return {
      {label + " no paging", path, q("advertiser_id=1"), 0, ""},
      {label + " page 1", path, q("page=1"), 0, ""},
      {label + " page 1000", path, q("page=1000"), 0, "", 0},
      {label + " page 0", path, q("page=0"), 40002, "page:"},
      {label + " page minus 1", path, q("page=-1"), 40002, "page:"},
      {label + " page abc", path, q("page=abc"), 40002, "page:"},
      {label + " page 1.5", path, q("page=1.5"), 40002, "page:"},
      {label + " page empty", path, q("page="), 40002, "page:"},
      {label + " page 30 digits", path, q("page=" + page_digits), 40002, "page:"},
      {label + " page minus 30 digits", path, q("page=-" + page_digits), 40002, "page:"},
      {label + " page twice", path, q("page=1&page=1"), 40002, "page"},
      {label + " page twice different values", path, q("page=1&page=2"), 40002, "page"},
      {label + " page_size 1", path, q("page_size=1"), 0, ""},
      {label + " page_size 100", path, q("page_size=100"), 0, ""},
      {label + " page_size 0", path, q("page_size=0"), 40002, "page_size"},
      {label + " page_size 101", path, q("page_size=101"), 40002, "page_size"},
      {label + " page_size 30 digits", path, q("page_size=" + page_digits), 40002, "page_size"},
      {label + " page_size abc", path, q("page_size=ten"), 40002, "page_size"},
      {label + " page_size twice", path, q("page_size=10&page_size=20"), 40002, "page_size"},
  };
}

std::vector<QueryCase> query_cases() {
  const char* list = kVideoTaskListPath;
  std::vector<QueryCase> cases = {
      // task_ids: required, one JSON array of at most 5 ids this token created
      {"task list two ids", list, tasks(2), 0, "", 2},
      {"task list one id", list, tasks(1), 0, "", 1},
      {"task list five ids", list, tasks(5), 0, "", 5},
      {"task list six ids", list, tasks(6), 40011, "task_ids"},
      {"task list comma list", list,
       [](const World& w) {
         return "task_ids=" + encode(w.video_tasks[0] + "," + w.video_tasks[1]) +
                "&aigc_video_type=VOICEOVER";
       },
       40002, "task_ids"},
      {"task list repeated key", list,
       [](const World& w) {
         return "task_ids=" + w.video_tasks[0] + "&task_ids=" + w.video_tasks[1] +
                "&aigc_video_type=VOICEOVER";
       },
       40002, "task_ids"},
      {"task list repeated JSON key", list,
       [](const World& w) {
         return json_param("task_ids", {w.video_tasks[0]}) + "&" +
                json_param("task_ids", {w.video_tasks[1]}) + "&aigc_video_type=VOICEOVER";
       },
       40002, "task_ids"},
      {"task list bare id", list,
       [](const World& w) { return "task_ids=" + w.video_tasks[0] + "&aigc_video_type=VOICEOVER"; },
       40002, "task_ids"},
      {"task list missing task_ids", list, fixed("aigc_video_type=VOICEOVER"), 40002,
       missing("task_ids")},
      {"task list empty array", list, fixed(json_param("task_ids", json::array())), 40002,
       "task_ids"},
      {"task list empty value", list, fixed("task_ids=&aigc_video_type=VOICEOVER"), 40002,
       "task_ids"},
      {"task list numbers", list, fixed(json_param("task_ids", {1, 2})), 40002, "task_ids[0]"},
      {"task list JSON object", list, fixed(json_param("task_ids", {{"id", "1"}})), 40002,
       "task_ids"},
      {"task list unknown id", list, fixed(json_param("task_ids", fake_ids(1))), 40007,
       "task_ids"},
      {"task list another token's task", list,
       [](const World& w) { return json_param("task_ids", {w.other_video_task}); }, 40007,
       "task_ids"},
      // aigc_video_type: enum filter; absent means dubbing tasks only (quirk 6)
      {"task list type STOCK_VIDEO", list, tasks(2, "&aigc_video_type=STOCK_VIDEO"), 0, "", 0},
      {"task list type absent", list, tasks(2, ""), 0, "", 0},
      {"task list type unknown", list, tasks(2, "&aigc_video_type=NOPE"), 40002, "aigc_video_type"},
      {"task list type lower case", list, tasks(2, "&aigc_video_type=voiceover"), 40002,
       "aigc_video_type"},
      {"task list type twice", list,
       tasks(2, "&aigc_video_type=VOICEOVER&aigc_video_type=VOICEOVER"), 40002, "aigc_video_type"},
      {"task list type twice different values", list,
       tasks(2, "&aigc_video_type=VOICEOVER&aigc_video_type=STOCK_VIDEO"), 40002, "aigc_video_type"},
      {"task list unknown parameter", list, tasks(2, "&aigc_video_type=VOICEOVER&advertiser_id=7"),
       0, "", 2},
      // aigc_video_types on the video list: one JSON array of the enum
      {"video list types VOICEOVER", kVideoListPath,
       fixed(json_param("aigc_video_types", {"VOICEOVER"})), 0, ""},
      {"video list all types", kVideoListPath,
       fixed(json_param("aigc_video_types", {"STOCK_VIDEO", "AVATAR_PRODUCT", "VOICEOVER"})), 0,
       ""},
      {"video list types unknown", kVideoListPath, fixed(json_param("aigc_video_types", {"NOPE"})),
       40002, "aigc_video_types"},
      {"video list types bare", kVideoListPath, fixed("aigc_video_types=VOICEOVER"), 40002,
       "aigc_video_types"},
      {"video list types comma list", kVideoListPath,
       fixed("aigc_video_types=" + encode("VOICEOVER,STOCK_VIDEO")), 40002, "aigc_video_types"},
      {"video list types repeated", kVideoListPath,
       fixed("aigc_video_types=VOICEOVER&aigc_video_types=STOCK_VIDEO"), 40002,
       "aigc_video_types"},
      {"video list types JSON string", kVideoListPath,
       fixed("aigc_video_types=" + encode("\"VOICEOVER\"")), 40002, "aigc_video_types"},
      {"video list types absent", kVideoListPath, fixed(""), 0, "", 0},
      // script task get: one task_id
      {"script get task", kScriptTaskGetPath,
       [](const World& w) { return "task_id=" + w.script_task; }, 0, ""},
      {"script get missing task_id", kScriptTaskGetPath, fixed(""), 40002, missing("task_id")},
      {"script get empty task_id", kScriptTaskGetPath, fixed("task_id="), 40002, "task_id"},
      {"script get unknown task", kScriptTaskGetPath, fixed("task_id=7000000000000000000"), 40007,
       "task_id"},
      {"script get video task id", kScriptTaskGetPath,
       [](const World& w) { return "task_id=" + w.video_tasks[0]; }, 40007, "task_id"},
      {"script get task_id twice", kScriptTaskGetPath,
       [](const World& w) { return "task_id=" + w.script_task + "&task_id=" + w.script_task; },
       40002, "task_id"},
      {"script get task_id twice different values", kScriptTaskGetPath,
       [](const World& w) { return "task_id=" + w.script_task + "&task_id=" + w.video_tasks[0]; },
       40002, "task_id"},
  };
  for (auto& c : paging_cases("video list", kVideoListPath,
                              json_param("aigc_video_types", {"VOICEOVER"}))) {
    cases.push_back(std::move(c));
  }
  for (auto& c : paging_cases("script list", kScriptListPath, "")) cases.push_back(std::move(c));
  return cases;
}

// ---------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------

// Shared by the table-driven suites: a way to upload real videos for any token.
class RulesFixture : public MockFixture {
 protected:
  explicit RulesFixture(Options options = test_options()) : MockFixture(std::move(options)) {}

  Ctx context() {
    Ctx ctx;
    ctx.upload = [this](std::size_t n, const std::string& token) {
      std::vector<std::string> ids;
      for (std::size_t i = 0; i < n; ++i) ids.push_back(upload(token));
      return ids;
    };
    return ctx;
  }
};

// Every missing field at once, in document order, and nothing else: a rule broken after the
// first missing field (brand too long) is not reported while fields are missing.
TEST_F(RulesFixture, EveryMissingFieldIsNamedInOneMessage) {
  json body = voiceover_task({upload()});
  json& product = body[json::json_pointer(kInfo)];
  product.erase("title");
  product.erase("selling_points");
  product["brand"] = std::string(101, 'b');
  body[json::json_pointer(kPvi)].erase("input_video_list");
  const Reply reply = post(kVideoTaskCreatePath, body);
  EXPECT_EQ(reply.code(), 40002) << reply.body;
  EXPECT_EQ(reply.message(),
            missing(kInfoPath + ".title, " + kInfoPath + ".selling_points, " +
                    "product_video_info.input_video_list (required when aigc_video_type is "
                    "STOCK_VIDEO or VOICEOVER)"));

  // With the fields back, the next rule speaks.
  const Reply brand = post(kVideoTaskCreatePath, [&] {
    json fixed = voiceover_task({upload()});
    fixed[json::json_pointer(kInfo)]["brand"] = std::string(101, 'b');
    return fixed;
  }());
  EXPECT_EQ(brand.message(), kInfoPath + ".brand: must be at most 100 characters, got 101");
}

class VideoTaskCreateRules : public RulesFixture, public ::testing::WithParamInterface<Case> {};

TEST_P(VideoTaskCreateRules, AtTheBoundary) {
  const Case& c = GetParam();
  Ctx ctx = context();
  json body = voiceover_task({upload()});
  c.mutate(body, ctx);
  const Reply reply = post(kVideoTaskCreatePath, body);
  expect_outcome(reply, c.code, c.names);
  if (c.code == 0 && code_of(reply) == 0) {
    // Quirk 10: N videos asked for, N task ids.
    const int count = body[json::json_pointer(pvi("video_generation_count"))].is_number_integer()
                          ? body[json::json_pointer(pvi("video_generation_count"))].get<int>()
                          : 1;
    ASSERT_TRUE(reply.data().contains("task_ids")) << reply.body;
    EXPECT_EQ(reply.data().at("task_ids").size(), static_cast<std::size_t>(count)) << reply.body;
  }
}

INSTANTIATE_TEST_SUITE_P(Documented, VideoTaskCreateRules,
                         ::testing::ValuesIn(video_task_create_cases()), case_name);

class ScriptTaskCreateRules : public RulesFixture, public ::testing::WithParamInterface<Case> {};

TEST_P(ScriptTaskCreateRules, AtTheBoundary) {
  const Case& c = GetParam();
  Ctx ctx = context();
  json body = product_script_task();
  c.mutate(body, ctx);
  const Reply reply = post(kScriptTaskCreatePath, body);
  expect_outcome(reply, c.code, c.names);
  if (c.code == 0 && code_of(reply) == 0) {
    ASSERT_TRUE(reply.data().contains("task_id")) << reply.body;
    EXPECT_TRUE(reply.data().at("task_id").is_string()) << reply.body;
  }
}

INSTANTIATE_TEST_SUITE_P(Documented, ScriptTaskCreateRules,
                         ::testing::ValuesIn(script_task_create_cases()), case_name);

class UploadRules : public RulesFixture, public ::testing::WithParamInterface<Case> {};

TEST_P(UploadRules, AtTheBoundary) {
  const Case& c = GetParam();
  Ctx ctx = context();
  json body = {{"upload_type", "UPLOAD_BY_URL"},
               {"use_scenario", "AIGC"},
               {"video_url", "https://cdn.example.com/clips/clip.mp4"}};
  c.mutate(body, ctx);
  expect_outcome(post(kUploadPath, body), c.code, c.names);
}

INSTANTIATE_TEST_SUITE_P(Documented, UploadRules, ::testing::ValuesIn(upload_cases()), case_name);

class QueryRules : public RulesFixture, public ::testing::WithParamInterface<QueryCase> {
 protected:
  void SetUp() override {
    RulesFixture::SetUp();
    world.video_tasks = create_voiceover(5);
    for (const auto& id : create_voiceover(1)) world.video_tasks.push_back(id);
    world.other_video_task = create_voiceover(1, "another-token").at(0);
    world.script_task = create_script_task(2);
    ASSERT_EQ(world.video_tasks.size(), 6u);
  }
  World world;
};

TEST_P(QueryRules, AtTheBoundary) {
  const QueryCase& c = GetParam();
  const Reply reply = get(c.path, c.query(world));
  expect_outcome(reply, c.code, c.names);
  if (c.list_size && code_of(reply) == 0) {
    ASSERT_TRUE(reply.data().contains("list")) << reply.body;
    EXPECT_EQ(reply.data().at("list").size(), *c.list_size) << reply.body;
  }
}

INSTANTIATE_TEST_SUITE_P(Documented, QueryRules, ::testing::ValuesIn(query_cases()),
                         query_case_name);

// ---------------------------------------------------------------------------------------
// Access-Token and the envelope
// ---------------------------------------------------------------------------------------

struct EndpointCall {
  const char* name;
  const char* method;
  const char* path;
};

const std::vector<EndpointCall>& all_endpoints() {
  static const std::vector<EndpointCall> endpoints = {
      {"upload", "POST", kUploadPath},
      {"video_task_create", "POST", kVideoTaskCreatePath},
      {"video_task_list", "GET", kVideoTaskListPath},
      {"video_list", "GET", kVideoListPath},
      {"script_task_create", "POST", kScriptTaskCreatePath},
      {"script_task_get", "GET", kScriptTaskGetPath},
      {"script_list", "GET", kScriptListPath},
      {"image_animation_task_create", "POST", kImageAnimationTaskCreatePath},
  };
  return endpoints;
}

class AuthRules : public RulesFixture {
 protected:
  explicit AuthRules(Options options = test_options()) : RulesFixture(std::move(options)) {}

  // One request with exactly these headers; POST bodies are a valid upload request (any
  // rule check comes after the token's).
  Reply send(const EndpointCall& endpoint, const httplib::Headers& headers,
             const std::string& query = "") {
    const std::string body = json({{"upload_type", "UPLOAD_BY_URL"},
                                   {"use_scenario", "AIGC"},
                                   {"video_url", "https://cdn.example.com/clips/clip.mp4"}})
                                 .dump();
    if (std::string(endpoint.method) == "POST") {
      return to_reply(client->Post(endpoint.path, headers, body, "application/json"));
    }
    const std::string target = query.empty() ? endpoint.path : std::string(endpoint.path) + "?" + query;
    return to_reply(client->Get(target.c_str(), headers));
  }
};

TEST_F(AuthRules, NoAccessTokenIs40104OnEveryEndpoint) {
  std::set<std::string> request_ids;
  for (const auto& endpoint : all_endpoints()) {
    SCOPED_TRACE(endpoint.name);
    const Reply reply = send(endpoint, {});
    expect_outcome(reply, 40104, "");
    if (code_of(reply) == 40104) request_ids.insert(reply.parsed.at("request_id").get<std::string>());
  }
  EXPECT_EQ(request_ids.size(), all_endpoints().size()) << "request_id must be unique per request";
}

TEST_F(AuthRules, EmptyAccessTokenIs40104OnEveryEndpoint) {
  for (const auto& endpoint : all_endpoints()) {
    SCOPED_TRACE(endpoint.name);
    expect_outcome(send(endpoint, {{"Access-Token", ""}}), 40104, "");
  }
}

TEST_F(AuthRules, AnyNonEmptyTokenIsAcceptedWithoutATokenList) {
  EXPECT_EQ(code_of(send(all_endpoints()[0], {{"Access-Token", "whatever-token"}})), 0);
  EXPECT_EQ(code_of(get(kScriptListPath, "", "x")), 0);
}

TEST_F(AuthRules, TheTokenIsCheckedBeforeTheBody) {
  // Order of checks: Access-Token before Content-Type, JSON syntax and the rules.
  EXPECT_EQ(code_of(post_raw(kVideoTaskCreatePath, "{not json", "application/json", "")), 40104);
  EXPECT_EQ(code_of(post_raw(kUploadPath, "x", "text/plain", "")), 40104);
  EXPECT_EQ(code_of(get(kVideoListPath, "page=0", "")), 40104);
  EXPECT_EQ(code_of(get(kVideoTaskListPath, "", "")), 40104);
  // With a token, the same requests fail on their own merits.
  EXPECT_EQ(code_of(post_raw(kVideoTaskCreatePath, "{not json", "application/json")), 40002);
  EXPECT_EQ(code_of(get(kVideoListPath, "page=0")), 40002);
}

Options good_token_only() {
  Options options = test_options();
  options.tokens = {"good"};
  return options;
}

class TokenListRules : public AuthRules {
 protected:
  TokenListRules() : AuthRules(good_token_only()) {}
};

TEST_F(TokenListRules, AnUnlistedTokenIs40105AndTheListedOneWorks) {
  for (const auto& endpoint : all_endpoints()) {
    SCOPED_TRACE(endpoint.name);
    expect_outcome(send(endpoint, {{"Access-Token", "bad"}}), 40105, "");
    expect_outcome(send(endpoint, {}), 40104, "");  // missing is still 40104, not 40105
  }
  expect_outcome(send(all_endpoints()[0], {{"Access-Token", "good"}}), 0, "");
  expect_outcome(get(kScriptListPath, "page=1", "good"), 0, "");
  expect_outcome(get(kVideoListPath, json_param("aigc_video_types", {"VOICEOVER"}), "good"), 0, "");
  // A bad token is refused before its body is looked at.
  EXPECT_EQ(code_of(post_raw(kVideoTaskCreatePath, "{", "application/json", "bad")), 40105);
}

Options avatar_allowlist() {
  Options options = test_options();
  options.avatar_tokens = {"avatar-ok"};
  return options;
}

class AvatarAllowlistRules : public RulesFixture {
 protected:
  AvatarAllowlistRules() : RulesFixture(avatar_allowlist()) {}

  json avatar_task(const std::vector<Mutation>& more = {}) {
    Ctx ctx = context();
    json body = voiceover_task({});
    avatar_images_only()(body, ctx);
    for (const auto& m : more) m(body, ctx);
    return body;
  }
};

TEST_F(AvatarAllowlistRules, AvatarProductNeedsAnAllowlistedToken) {
  expect_outcome(post(kVideoTaskCreatePath, avatar_task(), "avatar-ok"), 0, "");
  expect_outcome(post(kVideoTaskCreatePath, avatar_task(), kToken), 40118, "");
  // The allowlist concerns AVATAR_PRODUCT only.
  expect_outcome(post(kVideoTaskCreatePath, voiceover_task({upload()})), 0, "");
  json stock = voiceover_task({upload()});
  stock["aigc_video_type"] = "STOCK_VIDEO";
  expect_outcome(post(kVideoTaskCreatePath, stock), 0, "");
}

TEST_F(AvatarAllowlistRules, RulesComeBeforeTheAllowlistAndTheAllowlistBeforeIds) {
  // Order of checks: rules (40002) -> allowlist (40118) -> ids that must exist (40007).
  const json invalid = avatar_task({set(pvi("video_generation_count"), 6)});
  expect_outcome(post(kVideoTaskCreatePath, invalid, kToken), 40002,
                 "product_video_info.video_generation_count");
  const json unknown_video = avatar_task({set(pvi("input_video_list"), {{"video_id_list", fake_ids(1)}})});
  expect_outcome(post(kVideoTaskCreatePath, unknown_video, kToken), 40118, "");
  expect_outcome(post(kVideoTaskCreatePath, unknown_video, "avatar-ok"), 40007,
                 "product_video_info.input_video_list.video_id_list");
}

// ---------------------------------------------------------------------------------------
// Routing
// ---------------------------------------------------------------------------------------

class RoutingRules : public RulesFixture {
 protected:
  Reply call(const std::string& method, const std::string& target, const std::string& body = "") {
    httplib::Request req;
    req.method = method;
    req.path = target;
    req.headers.emplace("Access-Token", kToken);
    if (!body.empty()) {
      req.body = body;
      req.headers.emplace("Content-Type", "application/json");
    }
    return to_reply(client->send(req));
  }
};

TEST_F(RoutingRules, APathWithoutItsTrailingSlashIs404) {
  for (const auto& endpoint : all_endpoints()) {
    std::string path = endpoint.path;
    path.pop_back();
    SCOPED_TRACE(path);
    const Reply reply = call(endpoint.method, path, std::string(endpoint.method) == "POST" ? "{}" : "");
    EXPECT_EQ(reply.status, 404) << reply.body;
    EXPECT_NE(reply.body.find("page not found"), std::string::npos) << reply.body;
    // And with the slash, the same method reaches the endpoint.
    EXPECT_EQ(call(endpoint.method, endpoint.path, std::string(endpoint.method) == "POST" ? "{}" : "")
                  .status,
              200);
  }
}

TEST_F(RoutingRules, UnknownPathsAre404) {
  for (const char* path :
       {"/", "/open_api/v1.3/", "/open_api/v1.3/creative/aigc/nothing/",
        "/open_api/v1.2/creative/aigc/video/list/", "/open_api/v1.3/creative/aigc/video/list//",
        "/open_api/v1.3/creative/aigc/video/task/get/",
        "/open_api/v1.3/creative/aigc/script_generation/task/get/"}) {
    SCOPED_TRACE(path);
    const Reply reply = call("GET", path);
    EXPECT_EQ(reply.status, 404) << reply.body;
    EXPECT_NE(reply.body.find("page not found"), std::string::npos) << reply.body;
  }
  // Quirk 1: the workflow text's task query path is not served, with its parameters either.
  const std::vector<std::string> tasks = create_voiceover(1);
  const Reply reply = get("/open_api/v1.3/creative/aigc/video/task/get/",
                          json_param("task_ids", tasks) + "&aigc_video_type=VOICEOVER");
  EXPECT_EQ(reply.status, 404) << reply.body;
  EXPECT_EQ(task_list(tasks).code(), 0);  // the reference's path is
}

TEST_F(RoutingRules, AnotherMethodOnAKnownPathIs405) {
  for (const auto& endpoint : all_endpoints()) {
    SCOPED_TRACE(endpoint.name);
    const bool is_post = std::string(endpoint.method) == "POST";
    EXPECT_EQ(call(is_post ? "GET" : "POST", endpoint.path, is_post ? "" : "{}").status, 405);
    EXPECT_EQ(call("DELETE", endpoint.path).status, 405);
    EXPECT_EQ(call("PUT", endpoint.path, "{}").status, 405);
  }
}

TEST_F(RoutingRules, TheScriptCurlExamplesGetIs405) {
  // Quirk 4: the curl example sends script create as GET with a JSON body.
  const Reply reply = call("GET", kScriptTaskCreatePath, product_script_task(5).dump());
  EXPECT_EQ(reply.status, 405) << reply.body;
  // The documented POST with the same body works.
  EXPECT_EQ(code_of(post(kScriptTaskCreatePath, product_script_task(5))), 0);
}

// ---------------------------------------------------------------------------------------
// Hostile input: a clean answer, the server alive, earlier state intact
// ---------------------------------------------------------------------------------------

class HostileInput : public RulesFixture {
 protected:
  explicit HostileInput(Options options = test_options()) : RulesFixture(std::move(options)) {}

  void SetUp() override {
    RulesFixture::SetUp();
    video_tasks = create_voiceover(2);
    script_task = create_script_task(2);
    ASSERT_EQ(video_tasks.size(), 2u);
  }

  // A normal request still works, and what was made before is still there.
  void expect_healthy() {
    SCOPED_TRACE("a normal request afterwards");
    const Reply list = task_list(video_tasks);
    ASSERT_EQ(code_of(list), 0) << list.body;
    std::set<std::string> listed;
    for (const auto& item : list.data().at("list")) listed.insert(item.at("task_id").get<std::string>());
    EXPECT_EQ(listed, std::set<std::string>(video_tasks.begin(), video_tasks.end()));
    const Reply script = get(kScriptTaskGetPath, "task_id=" + script_task);
    ASSERT_EQ(code_of(script), 0) << script.body;
    EXPECT_EQ(script.data().at("task_id"), script_task);
    EXPECT_EQ(code_of(post(kUploadPath, upload_body())), 0);
  }

  static json upload_body() {
    return {{"upload_type", "UPLOAD_BY_URL"},
            {"use_scenario", "AIGC"},
            {"video_url", "https://cdn.example.com/clips/clip.mp4"}};
  }

  // The upload body padded with an unknown field to exactly `size` bytes.
  static std::string upload_body_of_size(std::size_t size) {
    json body = upload_body();
    body["padding"] = "";
    const std::size_t base = body.dump().size();
    body["padding"] = std::string(size - base, 'x');
    return body.dump();
  }

  // A body whose unknown field holds `levels - 1` nested arrays (levels in all, counting the
  // top-level object), the innermost holding `inner`.
  static std::string nested_body(std::size_t levels, const std::string& inner) {
    std::string body = upload_body().dump();
    body.pop_back();
    return body + ",\"pad\":" + std::string(levels - 1, '[') + inner + std::string(levels - 1, ']') + "}";
  }

  std::vector<std::string> video_tasks;
  std::string script_task;
};

TEST_F(HostileInput, BodyOverTheDefaultLimitIs413) {
  const Reply reply = post_raw(kUploadPath, upload_body_of_size((1u << 20) + 1), "application/json");
  EXPECT_EQ(reply.status, 413) << reply.body.substr(0, 200);
  expect_healthy();
}

Options small_body_limit() {
  Options options = test_options();
  options.max_body_bytes = 4096;
  return options;
}

class SmallBodyLimit : public HostileInput {
 protected:
  SmallBodyLimit() : HostileInput(small_body_limit()) {}
};

TEST_F(SmallBodyLimit, ABodyAtTheLimitPassesAndOneByteMoreIs413) {
  ASSERT_EQ(upload_body_of_size(4096).size(), 4096u);
  EXPECT_EQ(code_of(post_raw(kUploadPath, upload_body_of_size(4096), "application/json")), 0);
  const Reply over = post_raw(kUploadPath, upload_body_of_size(4097), "application/json");
  EXPECT_EQ(over.status, 413) << over.body;
  expect_healthy();
}

TEST_F(HostileInput, InvalidUtf8InAJsonStringIs40002) {
  const std::string prefix = R"({"upload_type":"UPLOAD_BY_URL","use_scenario":"AIGC","video_url":"https://cdn.example.com/)";
  const std::vector<std::string> bad_bytes = {"\xFF\xFE", "\xC3\x28", "\xC0\xAF", "\xED\xA0\x80",
                                              "\xE2\x82"};
  for (std::size_t i = 0; i < bad_bytes.size(); ++i) {
    const std::string& bad = bad_bytes[i];
    SCOPED_TRACE("invalid sequence #" + std::to_string(i));
    expect_outcome(post_raw(kUploadPath, prefix + bad + "x.mp4\"}", "application/json"), 40002, "");
    expect_healthy();
  }
  // A lone surrogate escape is no character either.
  expect_outcome(post_raw(kUploadPath, prefix + "\\ud800x.mp4\"}", "application/json"), 40002, "");
  // In a field the rules check in depth, too.
  json task = voiceover_task(video_tasks);
  std::string text = task.dump();
  text.replace(text.find("Glow Serum 30 ml"), 4, "Gl\xF8w");
  expect_outcome(post_raw(kVideoTaskCreatePath, text, "application/json"), 40002, "");
  expect_healthy();
}

TEST_F(HostileInput, MalformedJsonIs40002) {
  for (const char* body :
       {"", "{", "}", "{\"upload_type\": }", "{'upload_type': 'UPLOAD_BY_URL'}", "{} {}",
        "{\"a\":1,}", "nul", "\x01\x02", R"({"upload_type":"UPLOAD_BY_URL" "use_scenario":"AIGC"})",
        R"({"video_url":"https://cdn.example.com/x.mp4)"}) {
    SCOPED_TRACE(body);
    expect_outcome(post_raw(kUploadPath, body, "application/json"), 40002, "");
  }
  expect_healthy();
}

TEST_F(HostileInput, JsonNestedTenThousandLevelsIs40002) {
  // In an unknown field of an otherwise valid upload, so that only the depth is wrong.
  expect_outcome(post_raw(kUploadPath, nested_body(10000, ""), "application/json"), 40002, "");
  expect_healthy();
  expect_outcome(post_raw(kUploadPath, nested_body(10000, "1"), "application/json"), 40002, "");
  std::string objects = upload_body().dump();
  objects.pop_back();
  objects += ",\"pad\":";
  for (int i = 0; i < 10000; ++i) objects += "{\"a\":";
  objects += "1" + std::string(10000, '}') + "}";
  expect_outcome(post_raw(kUploadPath, objects, "application/json"), 40002, "");
  expect_healthy();
  // The whole body, on every endpoint with a body; and unclosed.
  const std::string arrays = std::string(10000, '[') + std::string(10000, ']');
  for (const char* path : {kUploadPath, kVideoTaskCreatePath, kScriptTaskCreatePath}) {
    SCOPED_TRACE(path);
    expect_outcome(post_raw(path, arrays, "application/json"), 40002, "");
  }
  expect_outcome(post_raw(kUploadPath, std::string(10000, '['), "application/json"), 40002, "");
  expect_healthy();
}

TEST_F(HostileInput, JsonNestingLimitIs64Levels) {
  // "JSON nested deeper than 64 levels" is 40002; 64 levels are fine (the extra field is
  // unknown, so accepted).
  {
    SCOPED_TRACE("64 levels, a number innermost");
    expect_outcome(post_raw(kUploadPath, nested_body(64, "1"), "application/json"), 0, "");
  }
  {
    SCOPED_TRACE("64 levels, the innermost array empty");
    expect_outcome(post_raw(kUploadPath, nested_body(64, ""), "application/json"), 0, "");
  }
  {
    SCOPED_TRACE("65 levels, a number innermost");
    expect_outcome(post_raw(kUploadPath, nested_body(65, "1"), "application/json"), 40002, "");
  }
  expect_healthy();
}

TEST_F(HostileInput, SixtyFiveLevelsOfEmptyArraysAreTooDeepToo) {
  // The depth counts containers: {"pad":[[...[]...]]} with 64 arrays is 65 levels.
  expect_outcome(post_raw(kUploadPath, nested_body(65, ""), "application/json"), 40002, "");
  expect_healthy();
}

TEST_F(HostileInput, ATopLevelNonObjectIs40002) {
  for (const std::string& body :
       {std::string("[]"), "[" + upload_body().dump() + "]", std::string("\"text\""),
        std::string("42"), std::string("null"), std::string("true")}) {
    SCOPED_TRACE(body);
    expect_outcome(post_raw(kUploadPath, body, "application/json"), 40002, "");
  }
  expect_healthy();
}

TEST_F(HostileInput, ContentTypeMustBeJson) {
  const std::string body = upload_body().dump();
  for (const char* type :
       {"text/plain", "application/x-www-form-urlencoded", "application/jsonp", "text/json",
        "application/xml"}) {
    SCOPED_TRACE(type);
    expect_outcome(post_raw(kUploadPath, body, type), 40002, "Content-Type");
  }
  expect_outcome(post_raw(kUploadPath, body, "application/json; charset=utf-8"), 0, "");
  expect_outcome(post_raw(kVideoTaskCreatePath, voiceover_task(video_tasks).dump(), "text/plain"),
                 40002, "Content-Type");
  expect_outcome(post_raw(kScriptTaskCreatePath, product_script_task().dump(), "text/plain"), 40002,
                 "Content-Type");
  expect_healthy();
}

TEST_F(HostileInput, AHugeQueryStringIsRefusedWithout_a_Crash) {
  const std::string query = json_param("aigc_video_types", {"VOICEOVER"}) + "&x=" + std::string(9000, 'a');
  const Reply reply = get(kVideoListPath, query);
  EXPECT_GE(reply.status, 400) << reply.body;
  EXPECT_LT(reply.status, 500) << reply.body;
  expect_healthy();
  const Reply huge = get(kScriptTaskGetPath, "task_id=" + std::string(100000, '7'));
  EXPECT_GE(huge.status, 400) << huge.body;
  EXPECT_LT(huge.status, 500) << huge.body;
  expect_healthy();
}

TEST_F(HostileInput, AThousandUnknownParametersAreFine) {
  std::string query = json_param("aigc_video_types", {"VOICEOVER"});
  for (int i = 0; i < 1000; ++i) query += "&p" + std::to_string(i) + "=" + std::to_string(i % 10);
  expect_outcome(get(kVideoListPath, query), 0, "");
  expect_outcome(get(kScriptListPath, query.substr(query.find('&') + 1)), 0, "");
  expect_healthy();
}

TEST_F(HostileInput, InvalidPercentEncodingAnswersCleanly) {
  expect_outcome(get(kScriptListPath, "page=%G1"), 40002, "page");
  expect_outcome(get(kScriptListPath, "page=1%"), 40002, "page");
  expect_outcome(get(kScriptListPath, "page_size=%"), 40002, "page_size");
  expect_outcome(get(kVideoListPath, "aigc_video_types=%5B%22VOICEOVER%22%5D%"), 40002,
                 "aigc_video_types");
  expect_outcome(get(kVideoListPath, "aigc_video_types=%5B%22VOICEOVER%22%5"), 40002,
                 "aigc_video_types");
  expect_outcome(get(kScriptTaskGetPath, "task_id=%ZZ"), 40007, "task_id");
  expect_outcome(get(kScriptListPath, "%zz=1&%=2"), 0, "");  // unknown names
  expect_healthy();
}

TEST_F(HostileInput, InvalidUtf8InAQueryParameterIs40002) {
  expect_outcome(get(kScriptTaskGetPath, "task_id=%FF%FE"), 40002, "");
  expect_outcome(get(kScriptTaskGetPath, "task_id=" + script_task + "%C3%28"), 40002, "");
  expect_outcome(get(kVideoListPath, json_param("aigc_video_types", {"VOICEOVER"}) + "&x=%ED%A0%80"),
                 40002, "");
  expect_outcome(get(kVideoTaskListPath, "task_ids=" + encode("[\"\xC0\xAF\"]")), 40002, "");
  expect_outcome(get(kScriptListPath, "%C3%28=1"), 40002, "");  // in a name
  expect_healthy();
}

TEST_F(HostileInput, ADeeplyNestedListParameterIs40002) {
  // As deep as a request line allows, sent raw (the brackets need no encoding to travel).
  const std::string nested = std::string(4000, '[') + std::string(4000, ']');
  expect_outcome(get(kVideoTaskListPath, "task_ids=" + nested), 40002, "task_ids");
  expect_outcome(get(kVideoListPath, "aigc_video_types=" + nested), 40002, "aigc_video_types");
  expect_healthy();
}

TEST_F(HostileInput, WrongTypesNameTheFieldAndLeaveNoTrace) {
  json task = voiceover_task(video_tasks);
  task["product_video_info"]["product_info_list"][0]["title"] = json::array({"Glow"});
  expect_outcome(post(kVideoTaskCreatePath, task), 40002, kInfoPath + ".title");
  task = voiceover_task(video_tasks);
  task["product_video_info"]["video_generation_count"] = json::object();
  expect_outcome(post(kVideoTaskCreatePath, task), 40002, "product_video_info.video_generation_count");
  task = voiceover_task(video_tasks);
  task["product_video_info"]["product_info_list"][0]["selling_points"] = "Vegan formula";
  expect_outcome(post(kVideoTaskCreatePath, task), 40002, kInfoPath + ".selling_points");
  json script = product_script_task();
  script["script_generation_count"] = true;
  expect_outcome(post(kScriptTaskCreatePath, script), 40002, "script_generation_count");
  expect_outcome(post(kUploadPath, {{"upload_type", "UPLOAD_BY_URL"}, {"use_scenario", "AIGC"},
                                    {"video_url", {"https://cdn.example.com/x.mp4"}}}),
                 40002, "video_url");
  // None of the refused creates made a task: the task list still holds the first two only.
  expect_healthy();
}

TEST_F(HostileInput, AFailedCreateMakesNoTask) {
  // The refused request must not consume a task id or leave a task behind (state intact).
  json bad = voiceover_task(video_tasks);
  bad["product_video_info"]["video_generation_count"] = 6;
  ASSERT_EQ(code_of(post(kVideoTaskCreatePath, bad)), 40002);
  const Reply videos = get(kVideoListPath, json_param("aigc_video_types", {"VOICEOVER"}));
  ASSERT_EQ(code_of(videos), 0);
  EXPECT_EQ(videos.data().at("page_info").at("total_number"), 0);
  server.advance_clock(std::chrono::minutes(2));
  const Reply after = get(kVideoListPath, json_param("aigc_video_types", {"VOICEOVER"}));
  ASSERT_EQ(code_of(after), 0);
  // Only the two tasks made in SetUp became videos.
  EXPECT_EQ(after.data().at("page_info").at("total_number"), 2) << after.body;
  expect_healthy();
}

}  // namespace
}  // namespace tiktok_aigc::mock::testing

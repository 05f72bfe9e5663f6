// Typed requests and results of the seven endpoints, mirroring the documents' JSON nesting.
//
// Writing ("strict writer"): to_body() gives the JSON body of a POST with only the fields
// that are set; to_query() the unencoded name/value pairs of a GET, list parameters as one
// JSON text each (quirk 5: task_ids=["a","b"]); the transport URL-encodes them.
//
// Reading ("tolerant reader"): decode<T>(data) turns the envelope's `data` into T. Fields
// the documents do not name are ignored (every result keeps the whole object in `raw`),
// enum values the documents do not list are kept (is_known() is false), the upload answer
// is accepted as an object or as an array of one object (quirk 3), and ids as strings or,
// defensively, integers (quirk 13: kept as their exact decimal text). A malformed `data`
// never throws: it gives a Status of category bad_response whose message names the path,
// e.g. "data.list[2].task_id: missing".
#pragma once

#include <cmath>
#include <cstdint>
#include <exception>
#include <limits>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "tiktok_aigc/api/schema.hpp"
#include "tiktok_aigc/api/strings.hpp"
#include "tiktok_aigc/dependencies.hpp"
#include "tiktok_aigc/enums.hpp"
#include "tiktok_aigc/status.hpp"

namespace tiktok_aigc {

// GET parameters, unencoded, in order.
using api::QueryParams;

// ---------------------------------------------------------------------------------------
// Upload a video to the stock library: POST file/video/ad/upload/
// ---------------------------------------------------------------------------------------

struct UploadVideoRequest {
  std::string video_url;  // absolute http(s) URL of a .mp4, .mov, .mpeg or .avi file
  UploadType upload_type = UploadType::upload_by_url();
  UseScenario use_scenario = UseScenario::aigc();
};

struct UploadedVideo {
  std::string video_id;
  nlohmann::json raw;  // the object it was decoded from
};

// ---------------------------------------------------------------------------------------
// Create video generation and remix tasks: POST creative/aigc/video/task/create/
// ---------------------------------------------------------------------------------------

// One entry of product_video_info.product_info_list (max 1).
struct VideoProductInfo {
  std::string source_language;              // required; no enum documented (quirk 7)
  std::string product_name;                 // at most 500 characters
  std::string title;                        // at most 500 characters
  std::string description;                  // at most 300 characters
  std::vector<std::string> selling_points;  // 1-10 phrases
  std::optional<std::string> brand;         // at most 100 characters
  std::optional<double> price;              // >= 0, two decimals
  std::optional<std::string> currency;      // ISO 4217, e.g. USD
};

struct ProductVideoInfo {
  std::optional<int> video_generation_count;      // 1-5, default 1
  std::optional<TargetLanguage> target_language;  // AVATAR_PRODUCT, VOICEOVER; default en
  std::vector<VideoProductInfo> product_info_list;
  // input_image_list.image_url_list: 3-30 URLs; required for AVATAR_PRODUCT.
  std::optional<std::vector<std::string>> image_url_list;
  // input_video_list.video_id_list: 1-20 uploaded ids; required for STOCK_VIDEO, VOICEOVER.
  std::optional<std::vector<std::string>> video_id_list;
  // avatar_info.avatar_id: AVATAR_PRODUCT only; absent: the API picks an avatar.
  std::optional<std::string> avatar_id;
};

struct CreateVideoTaskRequest {
  AigcVideoType aigc_video_type;
  ProductVideoInfo product_video_info;
};

struct CreatedVideoTasks {
  std::vector<std::string> task_ids;
  nlohmann::json raw;
};

// ---------------------------------------------------------------------------------------
// Get the results of video tasks: GET creative/aigc/video/task/list/
// ---------------------------------------------------------------------------------------

struct VideoTaskQuery {
  std::vector<std::string> task_ids;  // 1-5
  // Required by the client: without it the API returns only dubbing tasks (quirk 6).
  AigcVideoType aigc_video_type;
};

struct VideoTask {
  std::string task_id;
  AigcVideoType aigc_video_type;
  TaskStatus status;
  std::optional<std::string> video_id;     // on SUCCESS
  std::optional<std::string> preview_url;  // on SUCCESS; valid for six hours
  nlohmann::json raw;
};

struct VideoTaskList {
  std::vector<VideoTask> list;
  nlohmann::json raw;
};

// ---------------------------------------------------------------------------------------
// Get remixed videos: GET creative/aigc/video/list/
// ---------------------------------------------------------------------------------------

struct VideoListQuery {
  // Always sent: without it the API returns only dubbed videos (quirk 6).
  std::vector<AigcVideoType> aigc_video_types = {
      AigcVideoType::stock_video(), AigcVideoType::avatar_product(), AigcVideoType::voiceover()};
  std::optional<int> page;       // >= 1, default 1
  std::optional<int> page_size;  // 1-100, default 10
};

struct Video {
  std::string video_id;
  std::string video_name;   // {aigc_video_type}-{YYYYMMDDHHMMSS}-{3 characters}
  std::string create_time;  // "YYYY-MM-DD HH:MM:SS", UTC
  std::string preview_url;  // valid for six hours
  AigcVideoType aigc_video_type;
  nlohmann::json raw;
};

struct PageInfo {
  int page = 0;
  int page_size = 0;
  int total_number = 0;
  int total_page = 0;
};

struct VideoPage {
  std::vector<Video> list;
  PageInfo page_info;
  nlohmann::json raw;
};

// ---------------------------------------------------------------------------------------
// Create a script generation task: POST creative/aigc/script_generation/task/create/
// ---------------------------------------------------------------------------------------

struct ScriptProductInfo {
  std::string name;                         // at most 300 characters
  std::string description;                  // at most 500 characters
  std::optional<std::string> brand;         // at most 100 characters
  std::optional<double> price;              // >= 0
  std::optional<std::string> currency;      // ISO 4217, default USD
  std::vector<std::string> selling_points;  // at most 10; not sent when empty
};

// The body's top-level media_list (quirk 11); at most 20 entries in all. Empty lists are
// not sent.
struct MediaList {
  std::vector<std::string> image_url_list;
  std::vector<std::string> video_id_list;
};

// Free text with recommended values (quirk 12: see recommended_tones() etc.).
struct ScriptInfo {
  std::optional<std::string> tone;
  std::optional<std::string> style;
  std::optional<std::string> point_of_view;
  std::optional<std::string> relevant_industry;
  std::optional<ScriptLanguage> script_language;  // default en
};

struct CreateScriptTaskRequest {
  ScriptSource script_source;
  std::optional<std::string> custom_prompt;       // CUSTOM only; at most 3000 characters
  std::optional<VideoDuration> video_duration;    // PRODUCT only
  std::optional<ScriptProductInfo> product_info;  // required for PRODUCT
  std::optional<MediaList> media_list;            // required with product_info
  std::optional<ScriptInfo> script_info;          // PRODUCT only
  std::optional<int> script_generation_count;     // 1-8, default 4
};

struct CreatedScriptTask {
  std::string task_id;
  nlohmann::json raw;
};

// ---------------------------------------------------------------------------------------
// Get a script task: GET creative/aigc/script/task/get/; list scripts: GET .../script/list/
// ---------------------------------------------------------------------------------------

struct ScriptTaskQuery {
  std::string task_id;
};

struct Script {
  std::string script_id;
  std::string title;
  std::string script;
  nlohmann::json raw;
};

struct ScriptTask {
  std::string task_id;
  TaskStatus status;
  std::vector<Script> list;  // the scripts generated so far
  nlohmann::json raw;
};

struct ScriptListQuery {
  std::optional<int> page;       // >= 1, default 1
  std::optional<int> page_size;  // 1-100, default 10
};

struct ScriptPage {
  std::vector<Script> list;
  PageInfo page_info;
  nlohmann::json raw;
};

// ---------------------------------------------------------------------------------------
// Encoding
// ---------------------------------------------------------------------------------------

namespace detail::encoding {

inline nlohmann::json string_array(const std::vector<std::string>& values) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& value : values) out.push_back(value);
  return out;
}

// One JSON text for a list parameter of a GET (quirk 5). A value that is not valid UTF-8
// keeps its bytes, so that the check refuses it rather than an altered value being sent.
inline std::string json_text(const std::vector<std::string>& values) {
  std::string out = "[";
  for (const std::string& value : values) {
    if (out.size() > 1) out += ',';
    out += api::strings::is_valid_utf8(value) ? nlohmann::json(value).dump() : '"' + value + '"';
  }
  return out + "]";
}

}  // namespace detail::encoding

inline nlohmann::json to_body(const UploadVideoRequest& request) {
  nlohmann::json body = nlohmann::json::object();
  body["upload_type"] = request.upload_type.wire();
  body["use_scenario"] = request.use_scenario.wire();
  body["video_url"] = request.video_url;
  return body;
}

inline nlohmann::json to_body(const CreateVideoTaskRequest& request) {
  using detail::encoding::string_array;
  const ProductVideoInfo& info = request.product_video_info;
  nlohmann::json video_info = nlohmann::json::object();
  if (info.video_generation_count)
    video_info["video_generation_count"] = *info.video_generation_count;
  if (info.target_language) video_info["target_language"] = info.target_language->wire();
  nlohmann::json products = nlohmann::json::array();
  for (const VideoProductInfo& product : info.product_info_list) {
    nlohmann::json item = nlohmann::json::object();
    item["source_language"] = product.source_language;
    item["product_name"] = product.product_name;
    item["title"] = product.title;
    item["description"] = product.description;
    item["selling_points"] = string_array(product.selling_points);
    if (product.brand) item["brand"] = *product.brand;
    if (product.price) item["price"] = *product.price;
    if (product.currency) item["currency"] = *product.currency;
    products.push_back(std::move(item));
  }
  video_info["product_info_list"] = std::move(products);
  if (info.image_url_list) {
    video_info["input_image_list"] = {{"image_url_list", string_array(*info.image_url_list)}};
  }
  if (info.video_id_list) {
    video_info["input_video_list"] = {{"video_id_list", string_array(*info.video_id_list)}};
  }
  if (info.avatar_id) video_info["avatar_info"] = {{"avatar_id", *info.avatar_id}};

  nlohmann::json body = nlohmann::json::object();
  body["aigc_video_type"] = request.aigc_video_type.wire();
  body["product_video_info"] = std::move(video_info);
  return body;
}

inline nlohmann::json to_body(const CreateScriptTaskRequest& request) {
  using detail::encoding::string_array;
  nlohmann::json body = nlohmann::json::object();
  body["script_source"] = request.script_source.wire();
  if (request.custom_prompt) body["custom_prompt"] = *request.custom_prompt;
  if (request.video_duration) body["video_duration"] = request.video_duration->wire();
  if (request.product_info) {
    const ScriptProductInfo& product = *request.product_info;
    nlohmann::json item = nlohmann::json::object();
    item["name"] = product.name;
    if (product.brand) item["brand"] = *product.brand;
    if (product.price) item["price"] = *product.price;
    if (product.currency) item["currency"] = *product.currency;
    item["description"] = product.description;
    if (!product.selling_points.empty())
      item["selling_points"] = string_array(product.selling_points);
    body["product_info"] = std::move(item);
  }
  if (request.media_list) {  // quirk 11: top level, beside product_info
    nlohmann::json media = nlohmann::json::object();
    if (!request.media_list->image_url_list.empty()) {
      media["image_url_list"] = string_array(request.media_list->image_url_list);
    }
    if (!request.media_list->video_id_list.empty()) {
      media["video_id_list"] = string_array(request.media_list->video_id_list);
    }
    body["media_list"] = std::move(media);
  }
  if (request.script_info) {
    const ScriptInfo& info = *request.script_info;
    nlohmann::json item = nlohmann::json::object();
    if (info.tone) item["tone"] = *info.tone;
    if (info.style) item["style"] = *info.style;
    if (info.point_of_view) item["point_of_view"] = *info.point_of_view;
    if (info.script_language) item["script_language"] = info.script_language->wire();
    if (info.relevant_industry) item["relevant_industry"] = *info.relevant_industry;
    body["script_info"] = std::move(item);
  }
  if (request.script_generation_count) {
    body["script_generation_count"] = *request.script_generation_count;
  }
  return body;
}

inline QueryParams to_query(const VideoTaskQuery& query) {
  return {{"task_ids", detail::encoding::json_text(query.task_ids)},
          {"aigc_video_type", query.aigc_video_type.wire()}};
}

inline QueryParams to_query(const VideoListQuery& query) {
  std::vector<std::string> types;
  for (const AigcVideoType& type : query.aigc_video_types) types.push_back(type.wire());
  QueryParams params = {{"aigc_video_types", detail::encoding::json_text(types)}};
  if (query.page) params.emplace_back("page", std::to_string(*query.page));
  if (query.page_size) params.emplace_back("page_size", std::to_string(*query.page_size));
  return params;
}

inline QueryParams to_query(const ScriptTaskQuery& query) { return {{"task_id", query.task_id}}; }

inline QueryParams to_query(const ScriptListQuery& query) {
  QueryParams params;
  if (query.page) params.emplace_back("page", std::to_string(*query.page));
  if (query.page_size) params.emplace_back("page_size", std::to_string(*query.page_size));
  return params;
}

// ---------------------------------------------------------------------------------------
// Decoding
// ---------------------------------------------------------------------------------------

namespace detail::decoding {

// A JSON value short enough to quote in a message, cut on a UTF-8 character boundary.
inline std::string excerpt(const nlohmann::json& value) {
  std::string text = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (text.size() <= 60) return text;
  std::size_t cut = 57;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "...";
}

// Reads fields and remembers the first problem as "path: what".
class Reader {
 public:
  const std::string& error() const { return error_; }

  bool fail(const std::string& path, const std::string& what) {
    if (error_.empty()) error_ = path + ": " + what;
    return false;
  }

  bool object(const nlohmann::json& value, const std::string& path) {
    return value.is_object() || fail(path, "expected an object, got " + excerpt(value));
  }

  // A required string field.
  bool text(const nlohmann::json& object, const std::string& path, const char* name,
            std::string& out) {
    const nlohmann::json* value = find(object, path, name, true);
    return value && text_value(*value, path + "." + name, out);
  }

  // An optional string field: absent or null leaves it unset.
  bool optional_text(const nlohmann::json& object, const std::string& path, const char* name,
                     std::optional<std::string>& out) {
    out.reset();
    const nlohmann::json* value = find(object, path, name, false);
    if (!value) return error_.empty();
    std::string text;
    if (!text_value(*value, path + "." + name, text)) return false;
    out = std::move(text);
    return true;
  }

  // A required id: a string, or an integer kept as its exact decimal text.
  bool id(const nlohmann::json& object, const std::string& path, const char* name,
          std::string& out) {
    const nlohmann::json* value = find(object, path, name, true);
    return value && id_value(*value, path + "." + name, out);
  }

  bool optional_id(const nlohmann::json& object, const std::string& path, const char* name,
                   std::optional<std::string>& out) {
    out.reset();
    const nlohmann::json* value = find(object, path, name, false);
    if (!value) return error_.empty();
    std::string id;
    if (!id_value(*value, path + "." + name, id)) return false;
    out = std::move(id);
    return true;
  }

  bool id_value(const nlohmann::json& value, const std::string& path, std::string& out) {
    if (value.is_string()) {
      out = value.get<std::string>();
    } else if (value.is_number_unsigned()) {
      out = std::to_string(value.get<std::uint64_t>());
    } else if (value.is_number_integer()) {
      out = std::to_string(value.get<std::int64_t>());
    } else {
      return fail(path, "expected a string id, got " + excerpt(value));
    }
    return true;
  }

  // A required enum: any string, known or not.
  template <typename Enum>
  bool enumeration(const nlohmann::json& object, const std::string& path, const char* name,
                   Enum& out) {
    std::string wire;
    if (!text(object, path, name, wire)) return false;
    out = Enum(std::move(wire));
    return true;
  }

  // A required whole number that fits an int.
  bool integer(const nlohmann::json& object, const std::string& path, const char* name, int& out) {
    const nlohmann::json* value = find(object, path, name, true);
    if (!value) return false;
    const std::string at = path + "." + name;
    constexpr auto kMin = std::numeric_limits<int>::min();
    constexpr auto kMax = std::numeric_limits<int>::max();
    if (value->is_number_unsigned()) {
      const auto number = value->get<std::uint64_t>();
      if (number > static_cast<std::uint64_t>(kMax))
        return fail(at, "out of range, got " + excerpt(*value));
      out = static_cast<int>(number);
    } else if (value->is_number_integer()) {
      const auto number = value->get<std::int64_t>();
      if (number < kMin || number > kMax) return fail(at, "out of range, got " + excerpt(*value));
      out = static_cast<int>(number);
    } else if (value->is_number_float()) {
      const double number = value->get<double>();
      if (!std::isfinite(number) || std::floor(number) != number) {
        return fail(at, "expected a whole number, got " + excerpt(*value));
      }
      if (number < kMin || number > kMax) return fail(at, "out of range, got " + excerpt(*value));
      out = static_cast<int>(number);
    } else {
      return fail(at, "expected a number, got " + excerpt(*value));
    }
    return true;
  }

  // An array field read item by item with read_item(item_json, item_path). An optional
  // list that is absent or null is empty.
  template <typename ReadItem>
  bool list(const nlohmann::json& object, const std::string& path, const char* name, bool required,
            ReadItem&& read_item) {
    const nlohmann::json* value = find(object, path, name, required);
    if (!value) return error_.empty();
    const std::string at = path + "." + name;
    if (!value->is_array()) return fail(at, "expected an array, got " + excerpt(*value));
    for (std::size_t i = 0; i < value->size(); ++i) {
      if (!read_item((*value)[i], at + "[" + std::to_string(i) + "]")) return false;
    }
    return true;
  }

 private:
  // The field, or nullptr: when absent (an error if required) or null (an error if
  // required: the caller reports the type).
  const nlohmann::json* find(const nlohmann::json& object, const std::string& path,
                             const char* name, bool required) {
    const auto found = object.find(name);
    if (found == object.end()) {
      if (required) fail(path + "." + name, "missing");
      return nullptr;
    }
    if (found->is_null() && !required) return nullptr;
    return &*found;
  }

  bool text_value(const nlohmann::json& value, const std::string& path, std::string& out) {
    if (!value.is_string()) return fail(path, "expected a string, got " + excerpt(value));
    out = value.get<std::string>();
    return true;
  }

  std::string error_;
};

// read(reader, json, path, out): fills `out` from the object at `path`, false on a problem.

inline bool read(Reader& in, const nlohmann::json& data, const std::string& path,
                 UploadedVideo& out) {
  if (!in.object(data, path) || !in.id(data, path, "video_id", out.video_id)) return false;
  out.raw = data;
  return true;
}

inline bool read(Reader& in, const nlohmann::json& data, const std::string& path,
                 CreatedVideoTasks& out) {
  if (!in.object(data, path)) return false;
  const bool ok =
      in.list(data, path, "task_ids", true, [&](const nlohmann::json& item, const std::string& at) {
        std::string id;
        if (!in.id_value(item, at, id)) return false;
        out.task_ids.push_back(std::move(id));
        return true;
      });
  if (!ok) return false;
  out.raw = data;
  return true;
}

inline bool read(Reader& in, const nlohmann::json& data, const std::string& path, VideoTask& out) {
  if (!in.object(data, path) || !in.id(data, path, "task_id", out.task_id) ||
      !in.enumeration(data, path, "aigc_video_type", out.aigc_video_type) ||
      !in.enumeration(data, path, "status", out.status) ||
      !in.optional_id(data, path, "video_id", out.video_id) ||
      !in.optional_text(data, path, "preview_url", out.preview_url)) {
    return false;
  }
  out.raw = data;
  return true;
}

inline bool read(Reader& in, const nlohmann::json& data, const std::string& path, Video& out) {
  if (!in.object(data, path) || !in.id(data, path, "video_id", out.video_id) ||
      !in.text(data, path, "video_name", out.video_name) ||
      !in.text(data, path, "create_time", out.create_time) ||
      !in.text(data, path, "preview_url", out.preview_url) ||
      !in.enumeration(data, path, "aigc_video_type", out.aigc_video_type)) {
    return false;
  }
  out.raw = data;
  return true;
}

inline bool read(Reader& in, const nlohmann::json& data, const std::string& path, PageInfo& out) {
  return in.object(data, path) && in.integer(data, path, "page", out.page) &&
         in.integer(data, path, "page_size", out.page_size) &&
         in.integer(data, path, "total_number", out.total_number) &&
         in.integer(data, path, "total_page", out.total_page);
}

inline bool read(Reader& in, const nlohmann::json& data, const std::string& path, Script& out) {
  if (!in.object(data, path) || !in.id(data, path, "script_id", out.script_id) ||
      !in.text(data, path, "title", out.title) || !in.text(data, path, "script", out.script)) {
    return false;
  }
  out.raw = data;
  return true;
}

// An optional list of objects (absent or null: empty).
template <typename Item>
bool read_items(Reader& in, const nlohmann::json& data, const std::string& path, const char* name,
                std::vector<Item>& out) {
  return in.list(data, path, name, false, [&](const nlohmann::json& item, const std::string& at) {
    Item value;
    if (!read(in, item, at, value)) return false;
    out.push_back(std::move(value));
    return true;
  });
}

// A required object field.
template <typename Value>
bool read_member(Reader& in, const nlohmann::json& data, const std::string& path, const char* name,
                 Value& out) {
  const std::string at = path + "." + name;
  const auto found = data.find(name);
  if (found == data.end()) return in.fail(at, "missing");
  return read(in, *found, at, out);
}

inline bool read(Reader& in, const nlohmann::json& data, const std::string& path,
                 VideoTaskList& out) {
  if (!in.object(data, path) || !read_items(in, data, path, "list", out.list)) return false;
  out.raw = data;
  return true;
}

inline bool read(Reader& in, const nlohmann::json& data, const std::string& path, VideoPage& out) {
  if (!in.object(data, path) || !read_items(in, data, path, "list", out.list) ||
      !read_member(in, data, path, "page_info", out.page_info)) {
    return false;
  }
  out.raw = data;
  return true;
}

inline bool read(Reader& in, const nlohmann::json& data, const std::string& path,
                 CreatedScriptTask& out) {
  if (!in.object(data, path) || !in.id(data, path, "task_id", out.task_id)) return false;
  out.raw = data;
  return true;
}

inline bool read(Reader& in, const nlohmann::json& data, const std::string& path, ScriptTask& out) {
  if (!in.object(data, path) || !in.id(data, path, "task_id", out.task_id) ||
      !in.enumeration(data, path, "status", out.status) ||
      !read_items(in, data, path, "list", out.list)) {
    return false;
  }
  out.raw = data;
  return true;
}

inline bool read(Reader& in, const nlohmann::json& data, const std::string& path, ScriptPage& out) {
  if (!in.object(data, path) || !read_items(in, data, path, "list", out.list) ||
      !read_member(in, data, path, "page_info", out.page_info)) {
    return false;
  }
  out.raw = data;
  return true;
}

inline Status bad_response(std::string message) {
  Status status;
  status.category = ErrorCategory::bad_response;
  status.message = std::move(message);
  return status;
}

// Decodes `data` as T, or says where it is malformed. Never throws.
template <typename T>
Result<T> decode_data(const nlohmann::json& data) {
  try {
    Reader in;
    T out;
    if (!read(in, data, "data", out)) return bad_response(in.error());
    return out;
  } catch (const std::exception& error) {  // not expected: the reader checks every type
    return bad_response(std::string("data: ") + error.what());
  }
}

template <typename T>
struct always_false : std::false_type {};

}  // namespace detail::decoding

// Decodes the envelope's `data` as one of the result types above.
template <typename T>
Result<T> decode(const nlohmann::json& /*data*/) {
  static_assert(detail::decoding::always_false<T>::value,
                "decode<T>: T must be one of the result types of tiktok_aigc/model.hpp");
  return Status{};
}

// Quirk 3: {"video_id": ...} (videos document) or [{"video_id": ...}] (scripts document
// and the live API). Of an array, the first item is the upload.
template <>
inline Result<UploadedVideo> decode<UploadedVideo>(const nlohmann::json& data) {
  if (data.is_array()) {
    if (data.empty()) {
      return detail::decoding::bad_response(
          "data: expected an object or an array of one object, got []");
    }
    try {
      detail::decoding::Reader in;
      UploadedVideo out;
      if (!read(in, data[0], "data[0]", out)) return detail::decoding::bad_response(in.error());
      return out;
    } catch (const std::exception& error) {
      return detail::decoding::bad_response(std::string("data: ") + error.what());
    }
  }
  if (!data.is_object()) {
    return detail::decoding::bad_response(
        "data: expected an object or an array of one object, got " +
        detail::decoding::excerpt(data));
  }
  return detail::decoding::decode_data<UploadedVideo>(data);
}

template <>
inline Result<CreatedVideoTasks> decode<CreatedVideoTasks>(const nlohmann::json& data) {
  return detail::decoding::decode_data<CreatedVideoTasks>(data);
}
template <>
inline Result<VideoTask> decode<VideoTask>(const nlohmann::json& data) {
  return detail::decoding::decode_data<VideoTask>(data);
}
template <>
inline Result<VideoTaskList> decode<VideoTaskList>(const nlohmann::json& data) {
  return detail::decoding::decode_data<VideoTaskList>(data);
}
template <>
inline Result<Video> decode<Video>(const nlohmann::json& data) {
  return detail::decoding::decode_data<Video>(data);
}
template <>
inline Result<PageInfo> decode<PageInfo>(const nlohmann::json& data) {
  return detail::decoding::decode_data<PageInfo>(data);
}
template <>
inline Result<VideoPage> decode<VideoPage>(const nlohmann::json& data) {
  return detail::decoding::decode_data<VideoPage>(data);
}
template <>
inline Result<CreatedScriptTask> decode<CreatedScriptTask>(const nlohmann::json& data) {
  return detail::decoding::decode_data<CreatedScriptTask>(data);
}
template <>
inline Result<Script> decode<Script>(const nlohmann::json& data) {
  return detail::decoding::decode_data<Script>(data);
}
template <>
inline Result<ScriptTask> decode<ScriptTask>(const nlohmann::json& data) {
  return detail::decoding::decode_data<ScriptTask>(data);
}
template <>
inline Result<ScriptPage> decode<ScriptPage>(const nlohmann::json& data) {
  return detail::decoding::decode_data<ScriptPage>(data);
}

}  // namespace tiktok_aigc

// Writing requests ("strict writer"): to_body() gives the JSON body of a POST with only the
// fields that are set; to_query() the unencoded name/value pairs of a GET, list parameters
// as one JSON text each (quirk 5: task_ids=["a","b"]); the transport URL-encodes them.
#pragma once

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "tiktok_aigc/api/schema.hpp"
#include "tiktok_aigc/api/strings.hpp"
#include "tiktok_aigc/model.hpp"

namespace tiktok_aigc {

// GET parameters, unencoded, in order.
using api::QueryParams;

// ---------------------------------------------------------------------------------------
// Encoding
// ---------------------------------------------------------------------------------------

namespace detail::encoding {

inline nlohmann::json string_array(const std::vector<std::string>& values) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& value : values) out.push_back(value);
  return out;
}

// One JSON string. A value that is not valid UTF-8 keeps its bytes, so that the check
// refuses it rather than an altered value being sent.
inline std::string json_string(const std::string& value) {
  return api::strings::is_valid_utf8(value) ? nlohmann::json(value).dump() : '"' + value + '"';
}

// One JSON text for a list parameter of a GET (quirk 5).
inline std::string json_text(const std::vector<std::string>& values) {
  std::string out = "[";
  for (const std::string& value : values) {
    if (out.size() > 1) out += ',';
    out += json_string(value);
  }
  return out + "]";
}

// One JSON text for an object parameter of a GET: its members that are set, in order.
inline std::string json_object_text(
    const std::vector<std::pair<const char*, const std::optional<std::string>*>>& members) {
  std::string out = "{";
  for (const auto& [name, value] : members) {
    if (!*value) continue;
    if (out.size() > 1) out += ',';
    out += json_string(name) + ":" + json_string(**value);
  }
  return out + "}";
}

// A time in milliseconds: a whole number as a JSON integer (as the documents write them),
// any other as a JSON double. NaN and infinities stay doubles, for the check to refuse.
inline nlohmann::json milliseconds(double value) {
  constexpr double kExactIntegers = 9007199254740992.0;  // 2^53
  if (std::isfinite(value) && std::floor(value) == value && std::fabs(value) <= kExactIntegers) {
    return static_cast<std::int64_t>(value);
  }
  return value;
}

inline nlohmann::json product_video_info(const ProductVideoInfo& info) {
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
  return video_info;
}

inline nlohmann::json dubbing_video_info(const std::vector<DubbingVideoInfo>& videos) {
  nlohmann::json out = nlohmann::json::array();
  for (const DubbingVideoInfo& video : videos) {
    nlohmann::json item = nlohmann::json::object();
    item["video_url"] = video.video_url;
    item["target_languages"] = nlohmann::json::array({video.target_language.wire()});  // exactly one
    if (video.lipsync_enabled) item["lipsync_enabled"] = *video.lipsync_enabled;
    if (video.video_name) item["video_name"] = *video.video_name;
    if (video.subtitle_enabled) item["subtitle_enabled"] = *video.subtitle_enabled;
    if (!video.scripts.empty()) {
      nlohmann::json scripts = nlohmann::json::array();
      for (const DubbingScriptSegment& segment : video.scripts) {
        nlohmann::json part = nlohmann::json::object();
        part["text"] = segment.text;
        part["text_start_time"] = milliseconds(segment.text_start_time);
        part["text_end_time"] = milliseconds(segment.text_end_time);
        scripts.push_back(std::move(part));
      }
      item["scripts"] = std::move(scripts);
    }
    out.push_back(std::move(item));
  }
  return out;
}

inline bool is_one_of(const AigcVideoType& type, const std::vector<std::string>& values) {
  for (const std::string& value : values) {
    if (type.wire() == value) return true;
  }
  return false;
}

inline void add_paging(QueryParams& params, const std::optional<int>& page, const std::optional<int>& page_size) {
  if (page) params.emplace_back("page", std::to_string(*page));
  if (page_size) params.emplace_back("page_size", std::to_string(*page_size));
}

}  // namespace detail::encoding

inline nlohmann::json to_body(const UploadVideoRequest& request) {
  nlohmann::json body = nlohmann::json::object();
  body["upload_type"] = request.upload_type.wire();
  body["use_scenario"] = request.use_scenario.wire();
  body["video_url"] = request.video_url;
  return body;
}

// Only the body the type reads: product_video_info for the product types, dubbing_video_info
// (when it has items) for DUBBING.
inline nlohmann::json to_body(const CreateVideoTaskRequest& request) {
  nlohmann::json body = nlohmann::json::object();
  body["aigc_video_type"] = request.aigc_video_type.wire();
  if (detail::encoding::is_one_of(request.aigc_video_type, api::enums::product_video_types())) {
    body["product_video_info"] = detail::encoding::product_video_info(request.product_video_info);
  }
  if (request.aigc_video_type == AigcVideoType::dubbing() && !request.dubbing_video_info.empty()) {
    body["dubbing_video_info"] = detail::encoding::dubbing_video_info(request.dubbing_video_info);
  }
  return body;
}

inline nlohmann::json to_body(const CreateImageAnimationTaskRequest& request) {
  nlohmann::json body = nlohmann::json::object();
  body["image_url"] = request.image_url;
  if (request.change_background) body["change_background"] = *request.change_background;
  if (request.background_prompt) body["background_prompt"] = *request.background_prompt;
  if (request.animation_prompt) body["animation_prompt"] = *request.animation_prompt;
  if (request.video_generation_count) body["video_generation_count"] = *request.video_generation_count;
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

inline nlohmann::json to_body(const CreateAvatarVideoTasksRequest& request) {
  nlohmann::json packages = nlohmann::json::array();
  for (const AvatarMaterialPackage& package : request.material_packages) {
    nlohmann::json item = nlohmann::json::object();
    item["avatar_id"] = package.avatar_id;
    item["script"] = package.script;
    if (package.video_name) item["video_name"] = *package.video_name;
    if (package.package_id) item["package_id"] = *package.package_id;
    packages.push_back(std::move(item));
  }
  return {{"material_packages", std::move(packages)}};
}

// Exactly the two documented fields (quirk 34).
inline nlohmann::json to_body(const RenameAvatarVideoRequest& request) {
  nlohmann::json body = nlohmann::json::object();
  body["avatar_video_id"] = request.avatar_video_id;
  body["file_name"] = request.file_name;
  return body;
}

inline QueryParams to_query(const AvatarListQuery& query) {
  QueryParams params;
  detail::encoding::add_paging(params, query.page, query.page_size);
  return params;
}

inline QueryParams to_query(const AvatarVideoTaskQuery& query) {
  return {{"task_ids", detail::encoding::json_text(query.task_ids)}};
}

// filtering as one JSON object text, only when one of its members is set; the paging beside
// it, not in it (quirk 33).
inline QueryParams to_query(const AvatarVideoListQuery& query) {
  QueryParams params;
  if (query.avatar_id || query.start_date || query.end_date) {
    params.emplace_back("filtering", detail::encoding::json_object_text({{"avatar_id", &query.avatar_id},
                                                                          {"start_date", &query.start_date},
                                                                          {"end_date", &query.end_date}}));
  }
  detail::encoding::add_paging(params, query.page, query.page_size);
  return params;
}


}  // namespace tiktok_aigc

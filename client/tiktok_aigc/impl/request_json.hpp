// Requests from and to their JSON form (request_json.hpp). A request is read leniently, each
// member into its field where the JSON type fits, and then written again: every member read
// must come back, equal (numbers by value). One that does not had no place in the request,
// and the first is named by its path. So the field names are written where the encoder
// writes them and where the reader reads them, not a third time in a list of known names;
// the API's rules (api/requests.hpp) only say why a member did not come back.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <limits>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "tiktok_aigc/api/endpoints.hpp"
#include "tiktok_aigc/api/strings.hpp"
#include "tiktok_aigc/impl/encoding.hpp"
#include "tiktok_aigc/impl/validation.hpp"
#include "tiktok_aigc/request_json.hpp"

namespace tiktok_aigc {
namespace detail::request_json {

using api::ValueRule;
using api::detail::child_path;
using nlohmann::json;

inline std::string item_path(const std::string& path, std::size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

// A copy of the first `budget` nodes of `value`, in the order its text is written.
inline json first_nodes(const json& value, std::size_t& budget) {
  --budget;
  if (value.is_array()) {
    json out = json::array();
    for (auto item = value.begin(); item != value.end() && budget > 0; ++item) {
      out.push_back(first_nodes(*item, budget));
    }
    return out;
  }
  if (value.is_object()) {
    json out = json::object();
    for (auto entry = value.begin(); entry != value.end() && budget > 0; ++entry) {
      out[entry.key()] = first_nodes(entry.value(), budget);
    }
    return out;
  }
  return value;
}

// A value quoted in a message, as api::strings::quote() does: its text is cut within 60
// bytes, which 64 nodes always pass, so only those are copied and dumped. Dumping the whole
// of a deeply nested value would recurse as deep.
inline std::string quote(const json& value) {
  std::size_t budget = 64;
  return api::strings::quote(first_nodes(value, budget));
}

// "an array", "a string", "null".
inline std::string type_with_article(const json& value) {
  if (value.is_null()) return "null";
  const std::string type = value.type_name();
  return (type[0] == 'a' || type[0] == 'o' ? "an " : "a ") + type;
}

// Reads members into their fields, only those the JSON has: a partial request reads as far
// as it goes. The first member of the wrong JSON type is the error, "path: must be ...".
class Reader {
 public:
  const std::string& error() const { return error_; }

  bool fail(const std::string& path, const std::string& what) {
    if (error_.empty()) error_ = path + ": " + what;
    return false;
  }

  // `value` is of `kind`, named as the API's checks name it, or the error says what it is.
  bool is(const json& value, const std::string& path, ValueRule::Kind kind) {
    return api::detail::has_kind(value, kind) ||
           fail(path, "must be " + api::detail::type_name(kind) + ", got " + quote(value));
  }

 private:
  std::string error_;
};

// read(in, value, path, out): `value`, at `path`, into `out`.

inline void read(Reader& in, const json& value, const std::string& path, std::string& out) {
  if (in.is(value, path, ValueRule::Kind::string)) out = value.get<std::string>();
}

inline void read(Reader& in, const json& value, const std::string& path, bool& out) {
  if (in.is(value, path, ValueRule::Kind::boolean)) out = value.get<bool>();
}

inline void read(Reader& in, const json& value, const std::string& path, double& out) {
  if (in.is(value, path, ValueRule::Kind::number)) out = value.get<double>();
}

// A whole number that fits an int, written as an integer or not (5.0).
inline void read(Reader& in, const json& value, const std::string& path, int& out) {
  constexpr int kMin = std::numeric_limits<int>::min();
  constexpr int kMax = std::numeric_limits<int>::max();
  const double number = value.is_number() ? value.get<double>() : 0.0;
  const bool whole =
      value.is_number_integer() ||
      (value.is_number_float() && std::isfinite(number) && std::floor(number) == number);
  if (!whole) {
    in.fail(path, "must be an integer, got " + quote(value));
    return;
  }
  // Compared as the type that holds it: a double does not hold every 64-bit integer.
  const bool fits = value.is_number_unsigned()
                        ? value.get<std::uint64_t>() <= static_cast<std::uint64_t>(kMax)
                    : value.is_number_integer()
                        ? value.get<std::int64_t>() >= kMin && value.get<std::int64_t>() <= kMax
                        : number >= kMin && number <= kMax;
  if (!fits) {
    in.fail(path, "must fit an int (" + std::to_string(kMin) + " to " + std::to_string(kMax) +
                      "), got " + quote(value));
    return;
  }
  out = value.is_number_integer() ? static_cast<int>(value.get<std::int64_t>())
                                  : static_cast<int>(number);
}

// Any string: the open enums keep values the documents do not list, for check() to judge.
template <typename Enum,
          typename = std::enable_if_t<std::is_base_of_v<tiktok_aigc::detail::OpenEnum<Enum>, Enum>>>
void read(Reader& in, const json& value, const std::string& path, Enum& out) {
  if (in.is(value, path, ValueRule::Kind::string)) out = Enum(value.get<std::string>());
}

template <typename T>
void read(Reader& in, const json& value, const std::string& path, std::optional<T>& out) {
  T set = out.value_or(T{});
  read(in, value, path, set);
  out = std::move(set);
}

// The whole list, in place of a default one (VideoListQuery's types).
template <typename T>
void read(Reader& in, const json& value, const std::string& path, std::vector<T>& out) {
  if (!in.is(value, path, ValueRule::Kind::array)) return;
  out.clear();
  for (std::size_t i = 0; i < value.size(); ++i) {
    T item{};
    read(in, value[i], item_path(path, i), item);
    out.push_back(std::move(item));
  }
}

// The member `name` of `object` into `out`, when there is one.
template <typename T>
void member(Reader& in, const json& object, const std::string& path, const char* name, T& out) {
  const auto found = object.find(name);
  if (found != object.end()) read(in, *found, child_path(path, name), out);
}

// A field sent as the one member of an object of its own (input_image_list.image_url_list):
// the object sets it, even without the member, so that {} is written back as it was read.
template <typename T>
void wrapped_member(Reader& in, const json& object, const std::string& path, const char* wrapper,
                    const char* name, std::optional<T>& out) {
  const auto found = object.find(wrapper);
  if (found == object.end()) return;
  const std::string at = child_path(path, wrapper);
  if (!in.is(*found, at, ValueRule::Kind::object)) return;
  out.emplace();
  member(in, *found, at, name, *out);
}

// ---- the requests' parts ----

inline void read(Reader& in, const json& value, const std::string& path, VideoProductInfo& out) {
  if (!in.is(value, path, ValueRule::Kind::object)) return;
  member(in, value, path, "source_language", out.source_language);
  member(in, value, path, "product_name", out.product_name);
  member(in, value, path, "title", out.title);
  member(in, value, path, "description", out.description);
  member(in, value, path, "selling_points", out.selling_points);
  member(in, value, path, "brand", out.brand);
  member(in, value, path, "price", out.price);
  member(in, value, path, "currency", out.currency);
}

inline void read(Reader& in, const json& value, const std::string& path, ProductVideoInfo& out) {
  if (!in.is(value, path, ValueRule::Kind::object)) return;
  member(in, value, path, "video_generation_count", out.video_generation_count);
  member(in, value, path, "target_language", out.target_language);
  member(in, value, path, "product_info_list", out.product_info_list);
  wrapped_member(in, value, path, "input_image_list", "image_url_list", out.image_url_list);
  wrapped_member(in, value, path, "input_video_list", "video_id_list", out.video_id_list);
  wrapped_member(in, value, path, "avatar_info", "avatar_id", out.avatar_id);
}

inline void read(Reader& in, const json& value, const std::string& path,
                 DubbingScriptSegment& out) {
  if (!in.is(value, path, ValueRule::Kind::object)) return;
  member(in, value, path, "text", out.text);
  member(in, value, path, "text_start_time", out.text_start_time);
  member(in, value, path, "text_end_time", out.text_end_time);
}

inline void read(Reader& in, const json& value, const std::string& path, DubbingVideoInfo& out) {
  if (!in.is(value, path, ValueRule::Kind::object)) return;
  member(in, value, path, "video_url", out.video_url);
  // A video is dubbed into one language, sent as an array of one: the request holds no other.
  const auto languages = value.find("target_languages");
  if (languages != value.end()) {
    const std::string at = child_path(path, "target_languages");
    if (languages->is_array() && languages->size() == 1) {
      read(in, languages->front(), item_path(at, 0), out.target_language);
    } else {
      in.fail(at, "must be an array of exactly one language, got " + quote(*languages));
    }
  }
  member(in, value, path, "lipsync_enabled", out.lipsync_enabled);
  member(in, value, path, "video_name", out.video_name);
  member(in, value, path, "subtitle_enabled", out.subtitle_enabled);
  member(in, value, path, "scripts", out.scripts);
}

inline void read(Reader& in, const json& value, const std::string& path, ScriptProductInfo& out) {
  if (!in.is(value, path, ValueRule::Kind::object)) return;
  member(in, value, path, "name", out.name);
  member(in, value, path, "description", out.description);
  member(in, value, path, "brand", out.brand);
  member(in, value, path, "price", out.price);
  member(in, value, path, "currency", out.currency);
  member(in, value, path, "selling_points", out.selling_points);
}

inline void read(Reader& in, const json& value, const std::string& path, MediaList& out) {
  if (!in.is(value, path, ValueRule::Kind::object)) return;
  member(in, value, path, "image_url_list", out.image_url_list);
  member(in, value, path, "video_id_list", out.video_id_list);
}

inline void read(Reader& in, const json& value, const std::string& path, ScriptInfo& out) {
  if (!in.is(value, path, ValueRule::Kind::object)) return;
  member(in, value, path, "tone", out.tone);
  member(in, value, path, "style", out.style);
  member(in, value, path, "point_of_view", out.point_of_view);
  member(in, value, path, "relevant_industry", out.relevant_industry);
  member(in, value, path, "script_language", out.script_language);
}

inline void read(Reader& in, const json& value, const std::string& path,
                 AvatarMaterialPackage& out) {
  if (!in.is(value, path, ValueRule::Kind::object)) return;
  member(in, value, path, "avatar_id", out.avatar_id);
  member(in, value, path, "script", out.script);
  member(in, value, path, "video_name", out.video_name);
  member(in, value, path, "package_id", out.package_id);
}

// ---- the requests ----

inline void read(Reader& in, const json& value, const std::string& path, UploadVideoRequest& out) {
  member(in, value, path, "video_url", out.video_url);
  member(in, value, path, "upload_type", out.upload_type);
  member(in, value, path, "use_scenario", out.use_scenario);
}

inline void read(Reader& in, const json& value, const std::string& path,
                 CreateVideoTaskRequest& out) {
  member(in, value, path, "aigc_video_type", out.aigc_video_type);
  member(in, value, path, "product_video_info", out.product_video_info);
  member(in, value, path, "dubbing_video_info", out.dubbing_video_info);
}

inline void read(Reader& in, const json& value, const std::string& path, VideoTaskQuery& out) {
  member(in, value, path, "task_ids", out.task_ids);
  member(in, value, path, "aigc_video_type", out.aigc_video_type);
}

inline void read(Reader& in, const json& value, const std::string& path, VideoListQuery& out) {
  member(in, value, path, "aigc_video_types", out.aigc_video_types);
  member(in, value, path, "page", out.page);
  member(in, value, path, "page_size", out.page_size);
}

inline void read(Reader& in, const json& value, const std::string& path,
                 CreateImageAnimationTaskRequest& out) {
  member(in, value, path, "image_url", out.image_url);
  member(in, value, path, "change_background", out.change_background);
  member(in, value, path, "background_prompt", out.background_prompt);
  member(in, value, path, "animation_prompt", out.animation_prompt);
  member(in, value, path, "video_generation_count", out.video_generation_count);
}

inline void read(Reader& in, const json& value, const std::string& path,
                 CreateScriptTaskRequest& out) {
  member(in, value, path, "script_source", out.script_source);
  member(in, value, path, "custom_prompt", out.custom_prompt);
  member(in, value, path, "video_duration", out.video_duration);
  member(in, value, path, "product_info", out.product_info);
  member(in, value, path, "media_list", out.media_list);
  member(in, value, path, "script_info", out.script_info);
  member(in, value, path, "script_generation_count", out.script_generation_count);
}

inline void read(Reader& in, const json& value, const std::string& path, ScriptTaskQuery& out) {
  member(in, value, path, "task_id", out.task_id);
}

inline void read(Reader& in, const json& value, const std::string& path, ScriptListQuery& out) {
  member(in, value, path, "page", out.page);
  member(in, value, path, "page_size", out.page_size);
}

inline void read(Reader& in, const json& value, const std::string& path, AvatarListQuery& out) {
  member(in, value, path, "page", out.page);
  member(in, value, path, "page_size", out.page_size);
}

inline void read(Reader& in, const json& value, const std::string& path,
                 CreateAvatarVideoTasksRequest& out) {
  member(in, value, path, "material_packages", out.material_packages);
}

inline void read(Reader& in, const json& value, const std::string& path,
                 AvatarVideoTaskQuery& out) {
  member(in, value, path, "task_ids", out.task_ids);
}

inline void read(Reader& in, const json& value, const std::string& path,
                 AvatarVideoListQuery& out) {
  // avatar_id and the dates travel in one `filtering` object (quirk 33).
  const auto filtering = value.find("filtering");
  const std::string at = child_path(path, "filtering");
  if (filtering != value.end() && in.is(*filtering, at, ValueRule::Kind::object)) {
    member(in, *filtering, at, "avatar_id", out.avatar_id);
    member(in, *filtering, at, "start_date", out.start_date);
    member(in, *filtering, at, "end_date", out.end_date);
  }
  member(in, value, path, "page", out.page);
  member(in, value, path, "page_size", out.page_size);
}

inline void read(Reader& in, const json& value, const std::string& path,
                 RenameAvatarVideoRequest& out) {
  member(in, value, path, "avatar_video_id", out.avatar_video_id);
  member(in, value, path, "file_name", out.file_name);
}

// ---- writing a GET's parameters, and what did not come back ----

// A GET's parameters as one object, each as the API reads it: the endpoint's rules say which
// are integers, lists or objects (sent as JSON text); the others are the strings they are.
template <typename Query>
json query_json(const Query& query) {
  const ValueRule& rules = api::endpoint(endpoint_of(query)).request();
  json out = json::object();
  for (const auto& [name, text] : to_query(query)) {
    const ValueRule* rule = api::rule_at(rules, {name});
    json value = rule && rule->kind != ValueRule::Kind::string ? json::parse(text, nullptr, false)
                                                               : json(text);
    // Only a string that is not valid UTF-8 (which check() refuses) keeps a list from
    // parsing: it stays the text that would be sent.
    out[name] = value.is_discarded() ? json(text) : std::move(value);
  }
  return out;
}

inline const api::FieldRule* field_rule(const ValueRule* rule, const std::string& name) {
  if (!rule) return nullptr;
  for (const api::FieldRule& field : rule->fields) {
    if (field.name == name) return &field;
  }
  return nullptr;
}

// Why a member read was not written back: the API's rules, where they know it, say when it
// is read; an empty list or object is not sent at all.
inline std::string why_not_written(const api::FieldRule* field, const json& value,
                                   const json& written_root, const json& written_parent) {
  if (!field) return "not a field of this request";
  const bool conditional = field->presence == api::Presence::only_when ||
                           field->presence == api::Presence::ignored_unless;
  if (conditional && field->condition && !field->condition->holds(written_root, written_parent)) {
    return "read only when " + field->condition->describe();
  }
  if (value.is_structured() && value.empty()) return "not sent when empty: leave it out";
  return "not a field of this request";
}

// The first member of `read_from` that `written` does not hold, equal, as "path: why"; ""
// when there is none. `rule` is the API's rule for the value at `path`, when it has one.
inline std::string first_loss(const json& read_from, const json& written, const ValueRule* rule,
                              const std::string& path, const json& written_root) {
  if (read_from.is_object() && written.is_object()) {
    for (auto entry = read_from.begin(); entry != read_from.end(); ++entry) {
      const api::FieldRule* field = field_rule(rule, entry.key());
      const std::string at = child_path(path, entry.key());
      const auto found = written.find(entry.key());
      if (found == written.end())
        return at + ": " + why_not_written(field, entry.value(), written_root, written);
      std::string loss =
          first_loss(entry.value(), *found, field ? &field->value : nullptr, at, written_root);
      if (!loss.empty()) return loss;
    }
    return "";
  }
  if (read_from.is_array() && written.is_array() && read_from.size() == written.size()) {
    const ValueRule* items = rule ? rule->items.get() : nullptr;
    for (std::size_t i = 0; i < read_from.size(); ++i) {
      std::string loss =
          first_loss(read_from[i], written[i], items, item_path(path, i), written_root);
      if (!loss.empty()) return loss;
    }
    return "";
  }
  if (read_from == written) return "";
  if (!api::strings::is_valid_utf8_json(read_from)) return path + ": must be valid UTF-8";
  return path + ": would be sent as " + quote(written);
}

inline Status invalid(std::string message) {
  return Status{ErrorCategory::invalid_argument, std::move(message)};
}

template <typename Request>
Result<Request> read_request(const json& given) {
  try {
    if (!given.is_object())
      return invalid("the request must be a JSON object, got " + type_with_article(given));
    Reader in;
    Request request;
    read(in, given, "", request);
    if (!in.error().empty()) return invalid(in.error());
    const json written = request_to_json(request);
    const ValueRule& rules = api::endpoint(endpoint_of(request)).request();
    const std::string loss = first_loss(given, written, &rules, "", written);
    if (!loss.empty()) return invalid(loss);
    return request;
  } catch (const std::exception&
               error) {  // not expected: every value's type is tested before it is read
    return invalid(std::string("the request: ") + error.what());
  }
}

}  // namespace detail::request_json

nlohmann::json request_to_json(const UploadVideoRequest& request) { return to_body(request); }
nlohmann::json request_to_json(const CreateVideoTaskRequest& request) { return to_body(request); }
nlohmann::json request_to_json(const VideoTaskQuery& query) {
  return detail::request_json::query_json(query);
}
nlohmann::json request_to_json(const VideoListQuery& query) {
  return detail::request_json::query_json(query);
}
nlohmann::json request_to_json(const CreateImageAnimationTaskRequest& request) {
  return to_body(request);
}
nlohmann::json request_to_json(const CreateScriptTaskRequest& request) { return to_body(request); }
nlohmann::json request_to_json(const ScriptTaskQuery& query) {
  return detail::request_json::query_json(query);
}
nlohmann::json request_to_json(const ScriptListQuery& query) {
  return detail::request_json::query_json(query);
}
nlohmann::json request_to_json(const AvatarListQuery& query) {
  return detail::request_json::query_json(query);
}
nlohmann::json request_to_json(const CreateAvatarVideoTasksRequest& request) {
  return to_body(request);
}
nlohmann::json request_to_json(const AvatarVideoTaskQuery& query) {
  return detail::request_json::query_json(query);
}
nlohmann::json request_to_json(const AvatarVideoListQuery& query) {
  return detail::request_json::query_json(query);
}
nlohmann::json request_to_json(const RenameAvatarVideoRequest& request) { return to_body(request); }

template <>
Result<UploadVideoRequest> request_from_json<UploadVideoRequest>(const nlohmann::json& json) {
  return detail::request_json::read_request<UploadVideoRequest>(json);
}
template <>
Result<CreateVideoTaskRequest> request_from_json<CreateVideoTaskRequest>(
    const nlohmann::json& json) {
  return detail::request_json::read_request<CreateVideoTaskRequest>(json);
}
template <>
Result<VideoTaskQuery> request_from_json<VideoTaskQuery>(const nlohmann::json& json) {
  return detail::request_json::read_request<VideoTaskQuery>(json);
}
template <>
Result<VideoListQuery> request_from_json<VideoListQuery>(const nlohmann::json& json) {
  return detail::request_json::read_request<VideoListQuery>(json);
}
template <>
Result<CreateImageAnimationTaskRequest> request_from_json<CreateImageAnimationTaskRequest>(
    const nlohmann::json& json) {
  return detail::request_json::read_request<CreateImageAnimationTaskRequest>(json);
}
template <>
Result<CreateScriptTaskRequest> request_from_json<CreateScriptTaskRequest>(
    const nlohmann::json& json) {
  return detail::request_json::read_request<CreateScriptTaskRequest>(json);
}
template <>
Result<ScriptTaskQuery> request_from_json<ScriptTaskQuery>(const nlohmann::json& json) {
  return detail::request_json::read_request<ScriptTaskQuery>(json);
}
template <>
Result<ScriptListQuery> request_from_json<ScriptListQuery>(const nlohmann::json& json) {
  return detail::request_json::read_request<ScriptListQuery>(json);
}
template <>
Result<AvatarListQuery> request_from_json<AvatarListQuery>(const nlohmann::json& json) {
  return detail::request_json::read_request<AvatarListQuery>(json);
}
template <>
Result<CreateAvatarVideoTasksRequest> request_from_json<CreateAvatarVideoTasksRequest>(
    const nlohmann::json& json) {
  return detail::request_json::read_request<CreateAvatarVideoTasksRequest>(json);
}
template <>
Result<AvatarVideoTaskQuery> request_from_json<AvatarVideoTaskQuery>(const nlohmann::json& json) {
  return detail::request_json::read_request<AvatarVideoTaskQuery>(json);
}
template <>
Result<AvatarVideoListQuery> request_from_json<AvatarVideoListQuery>(const nlohmann::json& json) {
  return detail::request_json::read_request<AvatarVideoListQuery>(json);
}
template <>
Result<RenameAvatarVideoRequest> request_from_json<RenameAvatarVideoRequest>(
    const nlohmann::json& json) {
  return detail::request_json::read_request<RenameAvatarVideoRequest>(json);
}

}  // namespace tiktok_aigc

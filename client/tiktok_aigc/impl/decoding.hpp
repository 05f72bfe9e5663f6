// Reading answers ("tolerant reader"): decode<T>(data) turns the envelope's `data` into T.
// Fields the documents do not name are ignored (every result keeps the whole object in
// `raw`), enum values the documents do not list are kept, the upload answer is accepted as
// an object or as an array of one object (quirk 3), and ids as strings or, defensively,
// integers (quirk 13: kept as their exact decimal text). A malformed `data` never throws: it
// gives a Status of category bad_response whose message names the path, e.g.
// "data.list[2].task_id: missing".
#pragma once

#include <cmath>
#include <cstdint>
#include <exception>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "tiktok_aigc/api/strings.hpp"
#include "tiktok_aigc/impl/dependencies.hpp"
#include "tiktok_aigc/model.hpp"
#include "tiktok_aigc/status.hpp"

namespace tiktok_aigc {

// ---------------------------------------------------------------------------------------
// Decoding
// ---------------------------------------------------------------------------------------

namespace detail::decoding {

// A JSON value quoted in a message, short and cut on a UTF-8 character boundary.
using api::strings::quote;

// Reads fields and remembers the first problem as "path: what".
class Reader {
 public:
  // `owner`, when given, holds the document being read: the results' raw JSON then shares it
  // rather than copying every object.
  explicit Reader(std::shared_ptr<const nlohmann::json> owner = nullptr) : owner_(std::move(owner)) {}

  const std::string& error() const { return error_; }

  // The raw JSON of a result read from `node`, a part of the document.
  RawJson keep(const nlohmann::json& node) const {
    return owner_ ? RawJson(std::shared_ptr<const nlohmann::json>(owner_, &node)) : RawJson(node);
  }

  bool fail(const std::string& path, const std::string& what) {
    if (error_.empty()) error_ = path + ": " + what;
    return false;
  }

  bool object(const nlohmann::json& value, const std::string& path) {
    return value.is_object() || fail(path, "expected an object, got " + quote(value));
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

  // An optional string field that the API writes as "" when it has no value: "", like
  // absent or null, leaves it unset.
  bool optional_nonempty_text(const nlohmann::json& object, const std::string& path, const char* name,
                              std::optional<std::string>& out) {
    if (!optional_text(object, path, name, out)) return false;
    if (out && out->empty()) out.reset();
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

  // An optional id written as "" when there is none: "", absent or null leave it unset.
  bool optional_nonempty_id(const nlohmann::json& object, const std::string& path, const char* name,
                            std::optional<std::string>& out) {
    if (!optional_id(object, path, name, out)) return false;
    if (out && out->empty()) out.reset();
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
      return fail(path, "expected a string id, got " + quote(value));
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
        return fail(at, "out of range, got " + quote(*value));
      out = static_cast<int>(number);
    } else if (value->is_number_integer()) {
      const auto number = value->get<std::int64_t>();
      if (number < kMin || number > kMax) return fail(at, "out of range, got " + quote(*value));
      out = static_cast<int>(number);
    } else if (value->is_number_float()) {
      const double number = value->get<double>();
      if (!std::isfinite(number) || std::floor(number) != number) {
        return fail(at, "expected a whole number, got " + quote(*value));
      }
      if (number < kMin || number > kMax) return fail(at, "out of range, got " + quote(*value));
      out = static_cast<int>(number);
    } else {
      return fail(at, "expected a number, got " + quote(*value));
    }
    return true;
  }

  // A required number, whole or not (milliseconds written as 20000 or 20000.5).
  bool number(const nlohmann::json& object, const std::string& path, const char* name, double& out) {
    const nlohmann::json* value = find(object, path, name, true);
    if (!value) return false;
    if (!value->is_number()) return fail(path + "." + name, "expected a number, got " + quote(*value));
    out = value->get<double>();
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
    if (!value->is_array()) return fail(at, "expected an array, got " + quote(*value));
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
    if (!value.is_string()) return fail(path, "expected a string, got " + quote(value));
    out = value.get<std::string>();
    return true;
  }

  std::shared_ptr<const nlohmann::json> owner_;
  std::string error_;
};

// read(reader, json, path, out): fills `out` from the object at `path`, false on a problem.

inline bool read(Reader& in, const nlohmann::json& data, const std::string& path,
                 UploadedVideo& out) {
  if (!in.object(data, path) || !in.id(data, path, "video_id", out.video_id)) return false;
  out.raw = in.keep(data);
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
  out.raw = in.keep(data);
  return true;
}

inline bool read(Reader& in, const nlohmann::json& data, const std::string& path, VideoTask& out) {
  if (!in.object(data, path) || !in.id(data, path, "task_id", out.task_id) ||
      !in.enumeration(data, path, "aigc_video_type", out.aigc_video_type) ||
      !in.enumeration(data, path, "status", out.status) ||
      !in.optional_id(data, path, "video_id", out.video_id) ||
      !in.optional_text(data, path, "preview_url", out.preview_url) ||
      !in.optional_text(data, path, "video_name", out.video_name) ||
      !in.optional_text(data, path, "error_msg", out.error_msg)) {
    return false;
  }
  out.raw = in.keep(data);
  return true;
}

inline bool read(Reader& in, const nlohmann::json& data, const std::string& path, DubbingScriptSegment& out) {
  return in.object(data, path) && in.text(data, path, "text", out.text) &&
         in.number(data, path, "text_start_time", out.text_start_time) &&
         in.number(data, path, "text_end_time", out.text_end_time);
}

// A list of objects (below); unless required, absent or null is empty.
template <typename Item>
bool read_items(Reader& in, const nlohmann::json& data, const std::string& path, const char* name,
                std::vector<Item>& out, bool required = false);

// The two lists of segments, absent or null read as empty.
inline bool read(Reader& in, const nlohmann::json& data, const std::string& path, DubbingInfo& out) {
  if (!in.object(data, path) || !read_items(in, data, path, "original_scripts", out.original_scripts) ||
      !read_items(in, data, path, "translated_scripts", out.translated_scripts) ||
      !in.enumeration(data, path, "target_language", out.target_language)) {
    return false;
  }
  out.raw = in.keep(data);
  return true;
}

// dubbing_info, on DUBBING videos: read whenever given, absent or null left unset.
inline bool read(Reader& in, const nlohmann::json& data, const std::string& path, Video& out) {
  if (!in.object(data, path) || !in.id(data, path, "video_id", out.video_id) ||
      !in.text(data, path, "video_name", out.video_name) ||
      !in.text(data, path, "create_time", out.create_time) ||
      !in.text(data, path, "preview_url", out.preview_url) ||
      !in.enumeration(data, path, "aigc_video_type", out.aigc_video_type)) {
    return false;
  }
  const auto dubbing = data.find("dubbing_info");
  if (dubbing != data.end() && !dubbing->is_null()) {
    DubbingInfo info;
    if (!read(in, *dubbing, path + ".dubbing_info", info)) return false;
    out.dubbing_info = std::move(info);
  }
  out.raw = in.keep(data);
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
  out.raw = in.keep(data);
  return true;
}

// A list of objects; unless required, absent or null is empty.
template <typename Item>
bool read_items(Reader& in, const nlohmann::json& data, const std::string& path, const char* name,
                std::vector<Item>& out, bool required) {
  return in.list(data, path, name, required, [&](const nlohmann::json& item, const std::string& at) {
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
  out.raw = in.keep(data);
  return true;
}

// A page, or {}: what the API answers when no video of an IMAGE_ANIMATION filter exists
// (quirk 28), read as an empty page. Without page_info (the Dubbed Translations document
// shows none, quirk 46) the list is taken as the whole of it, one page.
inline bool read(Reader& in, const nlohmann::json& data, const std::string& path, VideoPage& out) {
  if (!in.object(data, path) || !read_items(in, data, path, "list", out.list)) return false;
  if (data.contains("page_info")) {
    if (!read_member(in, data, path, "page_info", out.page_info)) return false;
  } else {
    const int count = static_cast<int>(out.list.size());
    out.page_info = PageInfo{1, count, count, count > 0 ? 1 : 0};
  }
  out.raw = in.keep(data);
  return true;
}

inline bool read(Reader& in, const nlohmann::json& data, const std::string& path,
                 CreatedScriptTask& out) {
  if (!in.object(data, path) || !in.id(data, path, "task_id", out.task_id)) return false;
  out.raw = in.keep(data);
  return true;
}

inline bool read(Reader& in, const nlohmann::json& data, const std::string& path, ScriptTask& out) {
  if (!in.object(data, path) || !in.id(data, path, "task_id", out.task_id) ||
      !in.enumeration(data, path, "status", out.status) ||
      !read_items(in, data, path, "list", out.list)) {
    return false;
  }
  out.raw = in.keep(data);
  return true;
}

inline bool read(Reader& in, const nlohmann::json& data, const std::string& path, ScriptPage& out) {
  if (!in.object(data, path) || !read_items(in, data, path, "list", out.list) ||
      !read_member(in, data, path, "page_info", out.page_info)) {
    return false;
  }
  out.raw = in.keep(data);
  return true;
}

// ---- Digital Avatar ----

inline bool read(Reader& in, const nlohmann::json& data, const std::string& path, Avatar& out) {
  if (!in.object(data, path) || !in.id(data, path, "avatar_id", out.avatar_id) ||
      !in.text(data, path, "avatar_name", out.avatar_name) ||
      !in.text(data, path, "avatar_thumbnail", out.avatar_thumbnail) ||
      !in.text(data, path, "avatar_preview_url", out.avatar_preview_url)) {
    return false;
  }
  out.raw = in.keep(data);
  return true;
}

// page_info is in the document's example, not its table (quirk 30): read when given.
inline bool read(Reader& in, const nlohmann::json& data, const std::string& path, AvatarPage& out) {
  if (!in.object(data, path) || !read_items(in, data, path, "list", out.list)) return false;
  const auto info = data.find("page_info");
  if (info != data.end() && !info->is_null()) {
    PageInfo page_info;
    if (!read(in, *info, path + ".page_info", page_info)) return false;
    out.page_info = page_info;
  }
  out.raw = in.keep(data);
  return true;
}

// package_id is null when the package had none (quirk 31); null, absent and "" read alike.
inline bool read(Reader& in, const nlohmann::json& data, const std::string& path, CreatedAvatarVideoTask& out) {
  if (!in.object(data, path) || !in.optional_nonempty_id(data, path, "task_id", out.task_id) ||
      !in.optional_nonempty_text(data, path, "package_id", out.package_id) ||
      !in.optional_nonempty_text(data, path, "error_msg", out.error_msg)) {
    return false;
  }
  out.raw = in.keep(data);
  return true;
}

inline bool read(Reader& in, const nlohmann::json& data, const std::string& path, CreatedAvatarVideoTasks& out) {
  if (!in.object(data, path) || !read_items(in, data, path, "list", out.list, true)) return false;
  out.raw = in.keep(data);
  return true;
}

// avatar_video_id and preview_url are "" until SUCCESS (quirk 32): "" reads as unset.
inline bool read(Reader& in, const nlohmann::json& data, const std::string& path, AvatarVideoTask& out) {
  if (!in.object(data, path) || !in.id(data, path, "task_id", out.task_id) ||
      !in.enumeration(data, path, "status", out.status) || !in.text(data, path, "video_name", out.video_name) ||
      !in.optional_nonempty_id(data, path, "avatar_video_id", out.avatar_video_id) ||
      !in.optional_nonempty_text(data, path, "preview_url", out.preview_url)) {
    return false;
  }
  out.raw = in.keep(data);
  return true;
}

inline bool read(Reader& in, const nlohmann::json& data, const std::string& path, AvatarVideoTaskList& out) {
  if (!in.object(data, path) || !read_items(in, data, path, "list", out.list)) return false;
  out.raw = in.keep(data);
  return true;
}

inline bool read(Reader& in, const nlohmann::json& data, const std::string& path, AvatarVideo& out) {
  if (!in.object(data, path) || !in.id(data, path, "avatar_video_id", out.avatar_video_id) ||
      !in.text(data, path, "video_name", out.video_name) || !in.text(data, path, "create_time", out.create_time) ||
      !in.text(data, path, "preview_url", out.preview_url) ||
      !in.text(data, path, "video_cover_url", out.video_cover_url) ||
      !in.id(data, path, "avatar_id", out.avatar_id)) {
    return false;
  }
  out.raw = in.keep(data);
  return true;
}

inline bool read(Reader& in, const nlohmann::json& data, const std::string& path, AvatarVideoPage& out) {
  if (!in.object(data, path) || !read_items(in, data, path, "list", out.list) ||
      !read_member(in, data, path, "page_info", out.page_info)) {
    return false;
  }
  out.raw = in.keep(data);
  return true;
}

inline bool read(Reader& in, const nlohmann::json& data, const std::string& path, RenamedAvatarVideo& out) {
  if (!in.object(data, path)) return false;
  out.raw = in.keep(data);
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
Result<T> decode_data(const nlohmann::json& data, const std::shared_ptr<const nlohmann::json>& owner) {
  try {
    Reader in(owner);
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

// Decodes the envelope's `data` as one of the result types above. `owner`, when given, is a
// pointer that keeps `data` alive (the parsed answer): the results' raw JSON shares it.
template <typename T>
Result<T> decode(const nlohmann::json& /*data*/, const std::shared_ptr<const nlohmann::json>& /*owner*/ = nullptr) {
  static_assert(detail::decoding::always_false<T>::value,
                "decode<T>: T must be one of the result types of tiktok_aigc/model.hpp");
  return Status{};
}

// Quirk 3: {"video_id": ...} (videos document) or [{"video_id": ...}] (scripts document
// and the live API). Of an array, the first item is the upload.
template <>
inline Result<UploadedVideo> decode<UploadedVideo>(const nlohmann::json& data, const std::shared_ptr<const nlohmann::json>& owner) {
  if (data.is_array()) {
    if (data.empty()) {
      return detail::decoding::bad_response(
          "data: expected an object or an array of one object, got []");
    }
    try {
      detail::decoding::Reader in(owner);
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
        detail::decoding::quote(data));
  }
  return detail::decoding::decode_data<UploadedVideo>(data, owner);
}

template <>
inline Result<CreatedVideoTasks> decode<CreatedVideoTasks>(const nlohmann::json& data, const std::shared_ptr<const nlohmann::json>& owner) {
  return detail::decoding::decode_data<CreatedVideoTasks>(data, owner);
}
template <>
inline Result<VideoTask> decode<VideoTask>(const nlohmann::json& data, const std::shared_ptr<const nlohmann::json>& owner) {
  return detail::decoding::decode_data<VideoTask>(data, owner);
}
template <>
inline Result<VideoTaskList> decode<VideoTaskList>(const nlohmann::json& data, const std::shared_ptr<const nlohmann::json>& owner) {
  return detail::decoding::decode_data<VideoTaskList>(data, owner);
}
template <>
inline Result<Video> decode<Video>(const nlohmann::json& data, const std::shared_ptr<const nlohmann::json>& owner) {
  return detail::decoding::decode_data<Video>(data, owner);
}
template <>
inline Result<DubbingInfo> decode<DubbingInfo>(const nlohmann::json& data, const std::shared_ptr<const nlohmann::json>& owner) {
  return detail::decoding::decode_data<DubbingInfo>(data, owner);
}
template <>
inline Result<PageInfo> decode<PageInfo>(const nlohmann::json& data, const std::shared_ptr<const nlohmann::json>& owner) {
  return detail::decoding::decode_data<PageInfo>(data, owner);
}
template <>
inline Result<VideoPage> decode<VideoPage>(const nlohmann::json& data, const std::shared_ptr<const nlohmann::json>& owner) {
  return detail::decoding::decode_data<VideoPage>(data, owner);
}
template <>
inline Result<CreatedScriptTask> decode<CreatedScriptTask>(const nlohmann::json& data, const std::shared_ptr<const nlohmann::json>& owner) {
  return detail::decoding::decode_data<CreatedScriptTask>(data, owner);
}
template <>
inline Result<Script> decode<Script>(const nlohmann::json& data, const std::shared_ptr<const nlohmann::json>& owner) {
  return detail::decoding::decode_data<Script>(data, owner);
}
template <>
inline Result<ScriptTask> decode<ScriptTask>(const nlohmann::json& data, const std::shared_ptr<const nlohmann::json>& owner) {
  return detail::decoding::decode_data<ScriptTask>(data, owner);
}
template <>
inline Result<ScriptPage> decode<ScriptPage>(const nlohmann::json& data, const std::shared_ptr<const nlohmann::json>& owner) {
  return detail::decoding::decode_data<ScriptPage>(data, owner);
}
template <>
inline Result<Avatar> decode<Avatar>(const nlohmann::json& data, const std::shared_ptr<const nlohmann::json>& owner) {
  return detail::decoding::decode_data<Avatar>(data, owner);
}
template <>
inline Result<AvatarPage> decode<AvatarPage>(const nlohmann::json& data, const std::shared_ptr<const nlohmann::json>& owner) {
  return detail::decoding::decode_data<AvatarPage>(data, owner);
}
template <>
inline Result<CreatedAvatarVideoTask> decode<CreatedAvatarVideoTask>(const nlohmann::json& data, const std::shared_ptr<const nlohmann::json>& owner) {
  return detail::decoding::decode_data<CreatedAvatarVideoTask>(data, owner);
}
template <>
inline Result<CreatedAvatarVideoTasks> decode<CreatedAvatarVideoTasks>(const nlohmann::json& data, const std::shared_ptr<const nlohmann::json>& owner) {
  return detail::decoding::decode_data<CreatedAvatarVideoTasks>(data, owner);
}
template <>
inline Result<AvatarVideoTask> decode<AvatarVideoTask>(const nlohmann::json& data, const std::shared_ptr<const nlohmann::json>& owner) {
  return detail::decoding::decode_data<AvatarVideoTask>(data, owner);
}
template <>
inline Result<AvatarVideoTaskList> decode<AvatarVideoTaskList>(const nlohmann::json& data, const std::shared_ptr<const nlohmann::json>& owner) {
  return detail::decoding::decode_data<AvatarVideoTaskList>(data, owner);
}
template <>
inline Result<AvatarVideo> decode<AvatarVideo>(const nlohmann::json& data, const std::shared_ptr<const nlohmann::json>& owner) {
  return detail::decoding::decode_data<AvatarVideo>(data, owner);
}
template <>
inline Result<AvatarVideoPage> decode<AvatarVideoPage>(const nlohmann::json& data, const std::shared_ptr<const nlohmann::json>& owner) {
  return detail::decoding::decode_data<AvatarVideoPage>(data, owner);
}
template <>
inline Result<RenamedAvatarVideo> decode<RenamedAvatarVideo>(const nlohmann::json& data, const std::shared_ptr<const nlohmann::json>& owner) {
  return detail::decoding::decode_data<RenamedAvatarVideo>(data, owner);
}


}  // namespace tiktok_aigc

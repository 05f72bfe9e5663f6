// What the API answers: the envelope every answer comes in, and the `data` of each
// endpoint's success, as the documents and the live API give them. The OpenAPI file's
// response schemas are written from these tables.
#pragma once

#include "tiktok_aigc/api/enums.hpp"
#include "tiktok_aigc/api/requests.hpp"
#include "tiktok_aigc/api/schema.hpp"

namespace tiktok_aigc::api::responses {
namespace detail {

// Ids are opaque strings: they can exceed 2^53, and their shape differs between the API's
// services, so they are never parsed as numbers.
inline ValueRule id() { return text(); }

inline ValueRule page_info() {
  return object({
      required("page", integer(1, std::nullopt)),
      required("page_size", integer(1, limits::kMaxPageSize)),
      present("total_number", integer(0, std::nullopt)),
      present("total_page", integer(0, std::nullopt)),
  });
}

inline ValueRule preview_url() {
  return http_url();
}

// {aigc_video_type}-{YYYYMMDDHHMMSS}-{three characters} by default (quirk 17); the Image to
// Video document writes its type in lower case (quirk 26).
inline ValueRule video_name() {
  std::vector<std::string> prefixes;
  for (const std::string& type : enums::aigc_video_types()) {
    std::string lower = type;
    for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    prefixes.push_back(type);
    if (type == enums::aigc_video_type::kImageAnimation) prefixes.push_back(lower);
  }
  // A dubbed video may have been named at creation.
  return either({text_matching("^(" + strings::join(prefixes, "|") + ")-[0-9]{14}-[A-Za-z0-9]{3}$"), text(50)});
}

inline ValueRule dubbing_info() {
  return object({
      present("original_scripts", array_of(requests::dubbing_segment()))
          .described("The source's speech, or the scripts sent at creation (then equal to translated_scripts)."),
      present("translated_scripts", array_of(requests::dubbing_segment()))
          .described("The dub: the scripts sent at creation, else the translation."),
      required("target_language", enum_of(enums::dubbing_languages())),
  });
}

// project-{YYYYMMDDHHMMSS}-{three characters} by default; any text after a rename.
inline ValueRule avatar_video_name() { return text(100); }

inline ValueRule utc_time() {
  return text_matching("^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$");
}

inline ValueRule script() {
  return object({
      required("script_id", id()),
      required("title", text()),
      required("script", text()),
  });
}

}  // namespace detail

// clang-format off

// Every answer: HTTP 200 with this envelope; the code, not the HTTP status, says what
// happened (api/return_codes.hpp). On an error, data is {}.
inline ValueRule envelope(ValueRule data) {
  return object({
      required("code", integer(std::nullopt, std::nullopt)),
      present("message", text()),
      required("request_id", text()).described("Identifies the request in TikTok's logs; quote it to support."),
      present("data", std::move(data)),
  });
}

// The videos document says an object, the scripts document and the live API an array of
// one (quirk 3).
inline const ValueRule& upload() {
  static const ValueRule uploaded = object({required("video_id", detail::id())});
  static const ValueRule rule = either({uploaded, array_of(uploaded, 1)});
  return rule;
}

inline const ValueRule& video_task_create() {
  static const ValueRule rule = object({
      required("task_ids", array_of(detail::id(), 1))
          .described("One task per video asked for (quirk 10)."),
  });
  return rule;
}

inline const ValueRule& video_task_list() {
  const auto success = when_sibling("status", {enums::task_status::kSuccess});
  const auto not_success = unless_sibling("status", {enums::task_status::kSuccess});
  const auto failed = when_sibling("status", {enums::task_status::kFailed});
  const auto not_failed = unless_sibling("status", {enums::task_status::kFailed});
  static const ValueRule rule = object({
      present("list", array_of(object({
          required("task_id", detail::id()),
          required("aigc_video_type", enum_of(enums::aigc_video_types())),
          required("status", enum_of(enums::video_task_statuses())),
          optional("video_name", detail::video_name())
              .described("The Image to Video and Dubbed Translations documents list it (quirk 27)."),
          not_supported_when(not_success, required_when(success, "video_id", detail::id())),
          not_supported_when(not_success, required_when(success, "preview_url", detail::preview_url()))
              .described("Valid for six hours (DUBBING: 30 days); afterwards only a new task gives a new one."),
          not_supported_when(not_failed, optional("error_msg", text()))
              .described("Why the task FAILED (quirk 27)."),
      }))).described("Tasks of the filtered type only; without aigc_video_type, dubbing tasks only (quirk 6)."),
  });
  return rule;
}

inline const ValueRule& video_list() {
  static const ValueRule rule = object({
      optional("list", array_of(object({
          required("aigc_video_type", enum_of(enums::aigc_video_types())),
          required("video_id", detail::id()),
          required("video_name", detail::video_name()),
          required("create_time", detail::utc_time()).described("UTC, YYYY-MM-DD HH:MM:SS."),
          required("preview_url", detail::preview_url())
              .described("Valid for six hours (DUBBING: 30 days); afterwards only a new task gives a new one."),
          not_supported_when(unless_sibling("aigc_video_type", {enums::aigc_video_type::kDubbing}),
                             required_when(when_sibling("aigc_video_type", {enums::aigc_video_type::kDubbing}),
                                           "dubbing_info", detail::dubbing_info())),
      }))).described("Newest first. With page_info, absent only when data is {} (quirk 28)."),
      optional("page_info", detail::page_info()),
  });
  return rule;
}

// ---- Digital Avatar ----

inline const ValueRule& avatar_list() {
  static const ValueRule rule = object({
      present("list", array_of(object({
          required("avatar_id", detail::id()),
          required("avatar_name", text()).described("\"<first name> in <outfit>\"."),
          required("avatar_thumbnail", detail::preview_url()).described("An image; valid for six hours."),
          required("avatar_preview_url", detail::preview_url()).described("A short demo video; valid for six hours."),
      }))).described("The catalogue, in a fixed order."),
      optional("page_info", detail::page_info()).described("In the document's example, not its table (quirk 30)."),
  });
  return rule;
}

inline const ValueRule& avatar_video_task_create() {
  static const ValueRule rule = object({
      present("list", array_of(object({
          optional("task_id", detail::id()).described("Absent when the package failed."),
          optional("package_id", nullable(text())).described("The package's own label; null when it had none."),
          optional("error_msg", text()).described("Why this package made no task (quirk 31)."),
      }))).described("One item per package, in the request's order."),
  });
  return rule;
}

inline const ValueRule& avatar_video_task_get() {
  static const ValueRule rule = object({
      present("list", array_of(object({
          required("task_id", detail::id()),
          required("status", enum_of(enums::video_task_statuses())),
          required("video_name", detail::avatar_video_name()),
          present("avatar_video_id", either({empty_text(), detail::id()}))
              .described("\"\" until SUCCESS (quirk 32). Not an ad account's video id."),
          present("preview_url", either({empty_text(), detail::preview_url()}))
              .described("\"\" until SUCCESS (quirk 32); valid for six hours from this answer."),
      }))),
  });
  return rule;
}

inline const ValueRule& avatar_video_list() {
  static const ValueRule rule = object({
      present("list", array_of(object({
          required("avatar_video_id", detail::id()),
          required("video_name", detail::avatar_video_name()),
          required("create_time", detail::utc_time()).described("UTC, YYYY-MM-DD HH:MM:SS."),
          required("preview_url", detail::preview_url()).described("Valid for six hours from this answer."),
          required("video_cover_url", detail::preview_url())
              .described("An image; its x-expires parameter says until when (six hours from this answer)."),
          required("avatar_id", detail::id()),
      }))).described("Videos of succeeded tasks, newest first."),
      required("page_info", detail::page_info()),
  });
  return rule;
}

inline const ValueRule& avatar_video_rename() {
  static const ValueRule rule = object({});
  return rule;
}

inline const ValueRule& script_task_create() {
  static const ValueRule rule = object({required("task_id", detail::id())});
  return rule;
}

inline const ValueRule& script_task_get() {
  static const ValueRule rule = object({
      required("task_id", detail::id()),
      required("status", enum_of(enums::task_statuses())),
      present("list", array_of(detail::script())).described("The scripts written so far."),
  });
  return rule;
}

inline const ValueRule& script_list() {
  static const ValueRule rule = object({
      present("list", array_of(detail::script())),
      required("page_info", detail::page_info()),
  });
  return rule;
}
// clang-format on

}  // namespace tiktok_aigc::api::responses

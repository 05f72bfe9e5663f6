// Every documented rule of the requests, once, in the documents' order: the JSON body of each
// POST and the parameters of each GET. Conditions (quirk 2: "video_generation_type" in the
// documents means aigc_video_type) refer to top-level fields of the request.
#pragma once

#include <chrono>
#include <cstdint>

#include "tiktok_aigc/api/enums.hpp"
#include "tiktok_aigc/api/schema.hpp"

namespace tiktok_aigc::api {

// The limits the client's helpers work within (a wait queries at most this many task ids at
// a time; a walk over every page asks for the largest pages).
namespace limits {
inline constexpr std::size_t kTaskIdsPerQuery = 5;
inline constexpr int kMaxPageSize = 100;

// How long an avatar video usually takes, by its script's length in characters: under 100 s
// up to 400 characters, under 200 s up to 1,000, under 500 s beyond.
struct AvatarProcessingTier {
  std::size_t max_script_chars;
  int seconds_under;
};
inline constexpr AvatarProcessingTier kAvatarProcessingTiers[] = {{400, 100}, {1000, 200}, {SIZE_MAX, 500}};

// How long a media URL the API hands out works: six hours (a generated video's preview from
// its making; a Digital Avatar answer's URLs from the answer), a dubbed video's 30 days.
inline constexpr std::chrono::hours kMediaValidity{6};
inline constexpr std::chrono::hours kDubbedPreviewValidity{24 * 30};
}  // namespace limits

namespace requests {

using namespace enums;  // the tables name enum values as the documents do  // NOLINT

namespace detail {

// The paging parameters of the list endpoints. page is documented as >= 1; the bound above
// is the API's 32-bit integer.
inline FieldRule page() { return optional("page", integer(1, 2147483647)).defaults_to(1); }
inline FieldRule page_size() {
  return optional("page_size", integer(1, limits::kMaxPageSize)).defaults_to(10);
}

inline std::string recommended(const std::vector<std::string>& values) {
  return "Free text; recommended: " + strings::join(values, ", ") + ".";
}

}  // namespace detail

// The tables are laid out like the documents' parameter tables, not by clang-format.
// clang-format off
inline const ValueRule& upload() {
  static const ValueRule rule = object({
      required("upload_type", enum_of(enums::upload_types())),
      required("use_scenario", enum_of(enums::use_scenarios())),
      required_when(when("upload_type", {upload_type::kUploadByUrl}), "video_url",
                    with_file_extensions(http_url(), enums::video_file_extensions()))
          .described("An absolute http(s) URL as a browser sends it, spaces and other special "
                     "characters percent-encoded. The API fetches it within 10 s; its path must end "
                     "in a video extension (40908), and 409xx codes say what else went wrong."),
  });
  return rule;
}

// One segment of a dubbed video's speech, in milliseconds.
inline ValueRule dubbing_segment() {
  return with_order(object({
      required("text", text()),
      required("text_start_time", non_negative_number()).described("Milliseconds from the start."),
      required("text_end_time", non_negative_number())
          .described("Milliseconds from the start; after text_start_time, and within the video."),
  }), "text_start_time", "text_end_time", /*strict=*/true);
}

inline const ValueRule& video_task_create() {
  static const ValueRule rule = object({
      required("aigc_video_type", enum_of(enums::video_task_create_types())),
      // Quirk 39: each type reads its own body and ignores the other.
      only_when(when("aigc_video_type", enums::product_video_types()), "product_video_info", object({
          optional("video_generation_count", integer(1, 5)).defaults_to(1)
              .described("How many videos to make; one task id comes back per video (quirk 10)."),
          ignored_unless(when("aigc_video_type", {aigc_video_type::kAvatarProduct, aigc_video_type::kVoiceover}),
                         "target_language", enum_of(enums::target_languages())).defaults_to(target_language::kEn),
          required("product_info_list", array_of(object({
              required("source_language", text())
                  .described("No values are documented (quirk 7): any non-empty text."),
              required("product_name", text(500)),
              required("title", text(500)),
              required("description", text(300)),
              required("selling_points", array_of(text(), 1, 10)),
              optional("brand", text(100)),
              optional("price", non_negative_number()),
              optional("currency", currency_code()),
          }), 1, 1)),
          required_when(when("aigc_video_type", {aigc_video_type::kAvatarProduct}), "input_image_list", object({
              // Invalid URLs are documented as unused, not refused: no syntax check.
              required("image_url_list", array_of(text(), 3, 30))
                  .described("Image URLs (PNG, JPEG, PPM, GIF, TIFF, BMP); one that does not "
                             "work is skipped rather than refused."),
          })),
          required_when(when("aigc_video_type", {aigc_video_type::kStockVideo, aigc_video_type::kVoiceover}), "input_video_list",
                        object({
              required("video_id_list", id_list(1, 20))
                  .described("Videos from the upload endpoint; ids this token did not upload are 40007."),
          })),
          ignored_unless(when("aigc_video_type", {aigc_video_type::kAvatarProduct}), "avatar_info", object({
              required("avatar_id", text()),
          })).described("Which Digital Avatar presents; without it the API picks one."),
      })),
      only_when(when("aigc_video_type", {aigc_video_type::kDubbing}), "dubbing_video_info", array_of(object({
          required("video_url", http_url())
              .described("A public http(s) URL of the video to dub: 1-600 s, 200 MB or less recommended. "
                         "One the API cannot use makes its task FAILED (quirk 40)."),
          required("target_languages", array_of(enum_of(enums::dubbing_languages()), 1, 1))
              .described("Exactly one language: the dub's, or the language of scripts when given."),
          optional("lipsync_enabled", boolean()).defaults_to(false)
              .described("Adds 5-10 minutes; not for several speakers, covered lips or unrelated noise."),
          optional("video_name", text(50))
              .described("Default DUBBING-{YYYYMMDDHHMMSS}-{3 characters}; names need not be unique."),
          optional("subtitle_enabled", boolean()).defaults_to(false)
              .described("Burns subtitles in at the bottom: black text on white."),
          optional("scripts", array_of(dubbing_segment()))
              .described("Your own translated segments; without them (or with none) the API translates."),
      }), 1, 5)).described("One dubbed video, and one task, per item."),
  });
  return rule;
}

inline const ValueRule& video_task_list() {
  static const ValueRule rule = object({
      required("task_ids", id_list(1, limits::kTaskIdsPerQuery))
          .described("One JSON array text (quirk 5): task_ids=[\"id1\",\"id2\"]."),
      optional("aigc_video_type", enum_of(enums::aigc_video_types()))
          .described("Without it only dubbing tasks come back (quirk 6), so the client always sends it."),
  });
  return rule;
}

inline const ValueRule& video_list() {
  static const ValueRule rule = object({
      optional("aigc_video_types", array_of(enum_of(enums::aigc_video_types()), 1, std::nullopt))
          .described("One JSON array text (quirk 5). Without it only dubbed videos are listed "
                     "(quirk 6), so the client always sends it."),
      detail::page(),
      detail::page_size(),
  });
  return rule;
}

inline const ValueRule& script_task_create() {
  const auto product = when("script_source", {script_source::kProduct});
  const auto custom = when("script_source", {script_source::kCustom});
  static const ValueRule rule = object({
      required("script_source", enum_of(enums::script_sources())),
      not_supported_when(product, required_when(custom, "custom_prompt", text(3000)))
          .described("The prompt, in English."),
      not_supported_when(custom, optional("video_duration", enum_of(enums::video_durations())))
          .described("Without it a recommended duration applies."),
      required_when(product, "product_info", object({
          required("name", text(300)),
          optional("brand", text(100)),
          optional("price", non_negative_number()),
          optional("currency", currency_code()).defaults_to("USD"),
          required("description", text(500)),
          optional("selling_points", array_of(text(), std::nullopt, 10)),
      })),
      // Quirk 11: media_list sits at the top level, beside product_info.
      required_when(when_present("product_info"), "media_list", object({
          optional("image_url_list", array_of(text(), std::nullopt, 20)),  // unchecked URLs, as above
          optional("video_id_list", id_list(std::nullopt, 20)),
      }, 20)),
      not_supported_when(custom, optional("script_info", object({
          optional("tone", text()).described(detail::recommended(enums::recommended_tones())),
          optional("style", text()).described(detail::recommended(enums::recommended_styles())),
          optional("point_of_view", text())
              .described(detail::recommended(enums::recommended_points_of_view())),
          optional("script_language", enum_of(enums::script_languages())).defaults_to(script_language::kEn),
          optional("relevant_industry", text())
              .described(detail::recommended(enums::recommended_relevant_industries())),
      }))),
      optional("script_generation_count", integer(1, 8)).defaults_to(4),
  });
  return rule;
}

// Image to Video: one still image, animated into 1-5 videos (one task each).
inline const ValueRule& image_animation_task_create() {
  static const ValueRule rule = object({
      required("image_url", http_url())
          .described("A JPG or PNG image, any size and aspect ratio (the videos are 9:16). One the API "
                     "cannot use makes its tasks FAILED rather than the request refused."),
      optional("change_background", boolean()).defaults_to(false),
      ignored_unless(when_true("change_background"), "background_prompt", text())
          .described("About 2,000 characters at most are recommended. Absent or empty: the API picks. " +
                     detail::recommended(enums::recommended_backgrounds())),
      optional("animation_prompt", text())
          .described("About 200 characters at most are recommended. Absent or empty: the API picks. " +
                     detail::recommended(enums::recommended_animations())),
      optional("video_generation_count", integer(1, 5)).defaults_to(1)
          .described("How many videos; one task id comes back per video."),
  });
  return rule;
}

// ---- Digital Avatar ----

inline const ValueRule& avatar_list() {
  static const ValueRule rule = object({detail::page(), detail::page_size()});
  return rule;
}

inline const ValueRule& avatar_video_task_create() {
  static const ValueRule rule = object({
      required("material_packages", array_of(object({
          required("avatar_id", text())
              .described("From the avatar catalogue (avatar_list). One it does not list fails its "
                         "package alone, with an error_msg (quirk 31)."),
          required("script", text(2000))
              .described("What the avatar says, in any language; about 500 characters make about 30 s. "
                         "Emoji and special characters are not recognised."),
          optional("video_name", text(50))
              .described("Default project-{YYYYMMDDHHMMSS}-{3 characters}; a rename may make it up to 100."),
          optional("package_id", text())
              .described("Your own label for the package, echoed beside its task (null when not sent)."),
      }), 1, 5)).described("One video, and one task, per package."),
  });
  return rule;
}

inline const ValueRule& avatar_video_task_get() {
  static const ValueRule rule = object({
      required("task_ids", id_list(1, limits::kTaskIdsPerQuery))
          .described("One JSON array text: task_ids=[\"id1\",\"id2\"]."),
  });
  return rule;
}

inline const ValueRule& avatar_video_list() {
  static const ValueRule rule = object({
      optional("filtering", with_order(object({
          optional("avatar_id", text()).described("Only videos of this avatar."),
          optional("start_date", date()).described("UTC, inclusive."),
          optional("end_date", date()).described("UTC, inclusive."),
      }), "start_date", "end_date"))
          .described("One JSON object text: filtering={\"start_date\":\"2024-01-01\"}. Without dates, "
                     "every video of the account."),
      detail::page(),  // beside filtering, not in it (quirk 33)
      detail::page_size(),
  });
  return rule;
}

inline const ValueRule& avatar_video_rename() {
  static const ValueRule rule = object({
      required("avatar_video_id", text()).described("From avatar_video_task_get or avatar_video_list."),
      required("file_name", text(100)).described("The new name; names need not be unique."),
  });
  return rule;
}

inline const ValueRule& script_task_get() {
  static const ValueRule rule = object({required("task_id", text())});
  return rule;
}

inline const ValueRule& script_list() {
  static const ValueRule rule = object({detail::page(), detail::page_size()});
  return rule;
}
// clang-format on

}  // namespace requests
}  // namespace tiktok_aigc::api

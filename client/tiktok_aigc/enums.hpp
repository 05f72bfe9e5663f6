// The documented enums as "open" types: each carries any wire string, so a value the API
// adds later is kept rather than failing the whole answer, and is_known() tells whether
// the value is one the documents list.
//
//   AigcVideoType type = AigcVideoType::voiceover();
//   type.wire();                                   // "VOICEOVER"
//   AigcVideoType("HOLOGRAM").is_known();          // false, but kept and sent as is
//
// Recommended-but-free values (tone, style, point_of_view, relevant_industry; quirk 12)
// are plain strings in the model; their recommended values are listed below for UIs.
#pragma once

#include <iosfwd>
#include <string>
#include <utility>
#include <vector>

#include "tiktok_aigc/api/enums.hpp"

namespace tiktok_aigc {
namespace detail {

// The shared part of every open enum. Derived names its documented values, in the
// documents' order, with `static const std::vector<std::string>& known_values()`.
template <typename Derived>
class OpenEnum {
 public:
  OpenEnum() = default;  // the empty wire string: not a known value
  explicit OpenEnum(std::string wire) : wire_(std::move(wire)) {}

  const std::string& wire() const { return wire_; }
  bool is_known() const {
    for (const auto& value : Derived::known_values()) {
      if (value == wire_) return true;
    }
    return false;
  }

  friend bool operator==(const Derived& a, const Derived& b) { return a.wire() == b.wire(); }
  friend bool operator!=(const Derived& a, const Derived& b) { return a.wire() != b.wire(); }
  friend bool operator<(const Derived& a, const Derived& b) { return a.wire() < b.wire(); }
  template <typename Char, typename Traits>
  friend std::basic_ostream<Char, Traits>& operator<<(std::basic_ostream<Char, Traits>& out,
                                                      const Derived& value) {
    return out << value.wire();
  }
  // nlohmann::json, found by ADL: a JSON string either way. from_json throws
  // nlohmann::json::type_error when the JSON is not a string, like any get<>(). Templates, so
  // that this header needs no JSON library.
  template <typename Json>
  friend void to_json(Json& j, const Derived& value) {
    j = value.wire();
  }
  template <typename Json>
  friend void from_json(const Json& j, Derived& value) {
    value = Derived(j.template get<std::string>());
  }

 private:
  std::string wire_;
};

}  // namespace detail

// aigc_video_type (video task create, task list, video list).
class AigcVideoType : public detail::OpenEnum<AigcVideoType> {
 public:
  using OpenEnum::OpenEnum;
  // Remixed stock videos without a voiceover or Digital Avatar.
  static AigcVideoType stock_video() { return AigcVideoType(api::enums::aigc_video_type::kStockVideo); }
  // A Digital Avatar presents the product (allowlist-only).
  static AigcVideoType avatar_product() { return AigcVideoType(api::enums::aigc_video_type::kAvatarProduct); }
  // A voiceover presents the product.
  static AigcVideoType voiceover() { return AigcVideoType(api::enums::aigc_video_type::kVoiceover); }
  // A still image animated (create_image_animation_tasks; allowlist-only).
  static AigcVideoType image_animation() { return AigcVideoType(api::enums::aigc_video_type::kImageAnimation); }
  // A video dubbed into another language.
  static AigcVideoType dubbing() { return AigcVideoType(api::enums::aigc_video_type::kDubbing); }
  static const std::vector<std::string>& known_values() { return api::enums::aigc_video_types(); }
};

// status of a video task or a script task (PARTIAL_SUCCESS: script tasks only).
class TaskStatus : public detail::OpenEnum<TaskStatus> {
 public:
  using OpenEnum::OpenEnum;
  static TaskStatus submitted() { return TaskStatus(api::enums::task_status::kSubmitted); }
  static TaskStatus processing() { return TaskStatus(api::enums::task_status::kProcessing); }
  static TaskStatus partial_success() { return TaskStatus(api::enums::task_status::kPartialSuccess); }
  static TaskStatus success() { return TaskStatus(api::enums::task_status::kSuccess); }
  static TaskStatus failed() { return TaskStatus(api::enums::task_status::kFailed); }
  static const std::vector<std::string>& known_values() { return api::enums::task_statuses(); }
  // SUCCESS or FAILED: the task will not change any more. An unknown status is not
  // terminal, so a poller keeps waiting (until its deadline) rather than stopping early.
  bool is_terminal() const { return *this == success() || *this == failed(); }
};

// product_video_info.target_language (AVATAR_PRODUCT and VOICEOVER; default en).
class TargetLanguage : public detail::OpenEnum<TargetLanguage> {
 public:
  using OpenEnum::OpenEnum;
  static TargetLanguage en() { return TargetLanguage(api::enums::target_language::kEn); }  // English
  static TargetLanguage fr() { return TargetLanguage(api::enums::target_language::kFr); }  // French
  static TargetLanguage de() { return TargetLanguage(api::enums::target_language::kDe); }  // German
  static TargetLanguage id() { return TargetLanguage(api::enums::target_language::kId); }  // Indonesian
  static TargetLanguage es() { return TargetLanguage(api::enums::target_language::kEs); }  // Spanish
  static const std::vector<std::string>& known_values() { return api::enums::target_languages(); }
};

// dubbing_video_info[].target_languages (one per video) and dubbing_info.target_language:
// the language a video is dubbed into, or the language of the scripts sent with it.
class DubbingLanguage : public detail::OpenEnum<DubbingLanguage> {
 public:
  using OpenEnum::OpenEnum;
  static DubbingLanguage ar() { return DubbingLanguage(api::enums::dubbing_language::kAr); }  // Arabic
  static DubbingLanguage en() { return DubbingLanguage(api::enums::dubbing_language::kEn); }  // English
  static DubbingLanguage fr() { return DubbingLanguage(api::enums::dubbing_language::kFr); }  // French
  static DubbingLanguage de() { return DubbingLanguage(api::enums::dubbing_language::kDe); }  // German
  static DubbingLanguage id() { return DubbingLanguage(api::enums::dubbing_language::kId); }  // Indonesian
  static DubbingLanguage it() { return DubbingLanguage(api::enums::dubbing_language::kIt); }  // Italian
  static DubbingLanguage ja() { return DubbingLanguage(api::enums::dubbing_language::kJa); }  // Japanese
  static DubbingLanguage ko() { return DubbingLanguage(api::enums::dubbing_language::kKo); }  // Korean
  static DubbingLanguage pt() { return DubbingLanguage(api::enums::dubbing_language::kPt); }  // Portuguese
  static DubbingLanguage es() { return DubbingLanguage(api::enums::dubbing_language::kEs); }  // Spanish
  static DubbingLanguage th() { return DubbingLanguage(api::enums::dubbing_language::kTh); }  // Thai
  static DubbingLanguage tr() { return DubbingLanguage(api::enums::dubbing_language::kTr); }  // Turkish
  static DubbingLanguage vi() { return DubbingLanguage(api::enums::dubbing_language::kVi); }  // Vietnamese
  static const std::vector<std::string>& known_values() { return api::enums::dubbing_languages(); }
};

// script_info.script_language (default en). Quirk 8: Malay is "ml" as documented, not
// ISO 639-1 "ms".
class ScriptLanguage : public detail::OpenEnum<ScriptLanguage> {
 public:
  using OpenEnum::OpenEnum;
  static ScriptLanguage en() { return ScriptLanguage(api::enums::script_language::kEn); }  // English
  static ScriptLanguage de() { return ScriptLanguage(api::enums::script_language::kDe); }  // German
  static ScriptLanguage es() { return ScriptLanguage(api::enums::script_language::kEs); }  // Spanish
  static ScriptLanguage fr() { return ScriptLanguage(api::enums::script_language::kFr); }  // French
  static ScriptLanguage id() { return ScriptLanguage(api::enums::script_language::kId); }  // Indonesian
  static ScriptLanguage ml() { return ScriptLanguage(api::enums::script_language::kMl); }  // Malay (quirk 8)
  static ScriptLanguage vi() { return ScriptLanguage(api::enums::script_language::kVi); }  // Vietnamese
  static const std::vector<std::string>& known_values() { return api::enums::script_languages(); }
};

// script_source of a script task: product information or a custom prompt.
class ScriptSource : public detail::OpenEnum<ScriptSource> {
 public:
  using OpenEnum::OpenEnum;
  static ScriptSource product() { return ScriptSource(api::enums::script_source::kProduct); }
  static ScriptSource custom() { return ScriptSource(api::enums::script_source::kCustom); }
  static const std::vector<std::string>& known_values() { return api::enums::script_sources(); }
};

// video_duration of a script task (PRODUCT only).
class VideoDuration : public detail::OpenEnum<VideoDuration> {
 public:
  using OpenEnum::OpenEnum;
  static VideoDuration seconds_15() { return VideoDuration(api::enums::video_duration::k15Seconds); }
  static VideoDuration seconds_30() { return VideoDuration(api::enums::video_duration::k30Seconds); }
  static const std::vector<std::string>& known_values() { return api::enums::video_durations(); }
};

// upload_type of an upload.
class UploadType : public detail::OpenEnum<UploadType> {
 public:
  using OpenEnum::OpenEnum;
  static UploadType upload_by_url() { return UploadType(api::enums::upload_type::kUploadByUrl); }
  static const std::vector<std::string>& known_values() { return api::enums::upload_types(); }
};

// use_scenario of an upload.
class UseScenario : public detail::OpenEnum<UseScenario> {
 public:
  using OpenEnum::OpenEnum;
  static UseScenario aigc() { return UseScenario(api::enums::use_scenario::kAigc); }
  static const std::vector<std::string>& known_values() { return api::enums::use_scenarios(); }
};

// The recommended values of the free-text script_info fields (quirk 12), for UIs.
using api::enums::recommended_animations;
using api::enums::recommended_backgrounds;
using api::enums::recommended_points_of_view;
using api::enums::recommended_relevant_industries;
using api::enums::recommended_styles;
using api::enums::recommended_tones;

}  // namespace tiktok_aigc

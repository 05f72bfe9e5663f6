// The notices the API's terms require a user interface to show: before assets are submitted
// for generation, before generated output is downloaded, and before a video is dubbed. On a
// terminal the user reads each one and agrees to it; a script acknowledges them all with
// --accept-notices (`tiktok-aigc notices` prints them to read first). Without either, the
// command stops before anything is sent.
#pragma once

#include <iosfwd>
#include <set>
#include <string>

#include "tiktok_aigc.hpp"

namespace tiktok_aigc::cli {

struct Notice {
  const char* name;  // "upload notice"
  const char* text;
};

inline constexpr Notice kUpload{"upload notice", kUploadNotice};
inline constexpr Notice kDownload{"download notice", kDownloadNotice};
inline constexpr Notice kDubbing{"dubbing consent", kDubbingConsent};
inline constexpr Notice kAllNotices[] = {kUpload, kDownload, kDubbing};

class Notices {
 public:
  // `interactive`: a user is at the terminal to be asked.
  Notices(bool accepted, bool interactive, std::istream& in, std::ostream& err)
      : accepted_(accepted), interactive_(interactive), in_(in), err_(err) {}

  // Whether the user agreed to `notice` (asked once a run), or acknowledged it with
  // --accept-notices. Otherwise the caller stops: see refusal().
  bool agreed(const Notice& notice);
  // What to say when agreed() is false.
  static std::string refusal(const Notice& notice);

 private:
  bool accepted_;
  bool interactive_;
  std::istream& in_;
  std::ostream& err_;
  std::set<std::string> agreed_;
};

}  // namespace tiktok_aigc::cli

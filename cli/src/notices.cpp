#include "notices.hpp"

#include <istream>
#include <ostream>

namespace tiktok_aigc::cli {

bool Notices::agreed(const Notice& notice) {
  if (accepted_ || agreed_.count(notice.name)) return true;
  if (!interactive_) return false;
  err_ << notice.text << "\nType y to agree to the " << notice.name
       << ", anything else to stop: " << std::flush;
  std::string answer;
  if (!std::getline(in_, answer) || (answer != "y" && answer != "Y" && answer != "yes"))
    return false;
  agreed_.insert(notice.name);
  return true;
}

std::string Notices::refusal(const Notice& notice) {
  return std::string("the ") + notice.name +
         " was not agreed to, so nothing was sent. Read it with `tiktok-aigc notices`; on a "
         "terminal "
         "the command asks for it; a script acknowledges the notices with --accept-notices";
}

}  // namespace tiktok_aigc::cli

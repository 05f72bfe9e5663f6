// download URL PATH: a made video (or any media URL an answer gave) saved to a file;
// notices: the texts the commands ask users to agree to.
#include "../command_support.hpp"
#include "../commands.hpp"

namespace tiktok_aigc::cli {
namespace {

struct DownloadFlags {
  std::string url;
  std::string path;
};

int download(Session& session, const DownloadFlags& flags) {
  if (session.options().dry_run) {
    return session.output().finish(
        {{"url", flags.url}, {"path", flags.path}}, [&](std::ostream& out) {
          out << "would save " << flags.url << " to " << flags.path << '\n';
        });
  }
  if (auto exit = require_notices(session, {kDownload})) return *exit;
  Result<std::uint64_t> bytes =
      session.client().download_preview_to_file(flags.url, flags.path, session.call());
  if (!bytes) return session.output().fail(bytes.status());
  return session.output().finish({{"path", flags.path}, {"bytes", *bytes}}, [&](std::ostream& out) {
    out << "saved " << flags.path << " (" << *bytes << " bytes)\n";
  });
}

int show_notices(Session& session) {
  nlohmann::json notices = nlohmann::json::array();
  for (const Notice& notice : kAllNotices)
    notices.push_back({{"name", notice.name}, {"text", notice.text}});
  return session.output().finish({{"notices", notices}}, [&](std::ostream& out) {
    for (const Notice& notice : kAllNotices) out << notice.name << ":\n" << notice.text << "\n\n";
  });
}

}  // namespace

void add_download_commands(CLI::App& app, Action& chosen) {
  auto [command, flags] = add_command<DownloadFlags>(
      app, "download",
      "Save a video from a preview_url (they expire: list or query again for a fresh one)", chosen,
      download);
  command->add_option("url", flags->url, "The preview_url")->required();
  command
      ->add_option("path", flags->path,
                   "The file to write (through PATH.part, renamed when complete)")
      ->required();

  CLI::App* notices = app.add_subcommand("notices",
                                         "The notices the commands ask you to agree to "
                                         "(--accept-notices acknowledges them in scripts)");
  notices->callback([&chosen] { chosen = show_notices; });
}

}  // namespace tiktok_aigc::cli

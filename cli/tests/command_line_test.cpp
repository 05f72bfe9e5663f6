// The tiktok-aigc program, run as a child process: every subcommand against the mock (the
// one it starts itself with --mock, or one this test embeds to see what was sent and to
// steer outcomes, faults and time), its --json documents, its exit codes, its progress on a
// terminal and in a log, and the notices. Loopback only; every run is bounded in time.
#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli_process.hpp"
#include "self_signed_certificate.hpp"
#include "tiktok_aigc.hpp"
#include "tiktok_aigc/mock/mock_server.hpp"

#ifndef SOURCE_DIR
#error "SOURCE_DIR must name the project's source directory"
#endif

namespace tiktok_aigc::cli::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kToken = "cli-test-token-0d1e2f";

// A directory of the test's own, removed after it.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "tiktok-aigc-cli-XXXXXX").string();
    if (!mkdtemp(pattern.data())) ADD_FAILURE() << "mkdtemp: " << std::strerror(errno);
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  std::string operator/(const std::string& name) const { return (fs::path(path_) / name).string(); }

 private:
  std::string path_;
};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_file(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

// An MP4 file: its first box is "ftyp".
bool is_mp4(const std::string& bytes) {
  return bytes.size() > 8 && bytes.compare(4, 4, "ftyp") == 0;
}

// ---------------------------------------------------------------------------------------
// --version, --help, the exit codes
// ---------------------------------------------------------------------------------------

struct ExitCodeRow {
  std::string code, name, meaning;
};

// The rows of the "Exit codes:" table at the end of --help.
std::vector<ExitCodeRow> exit_code_rows(const std::string& help) {
  std::vector<ExitCodeRow> rows;
  const auto table = help.find("Exit codes:\n");
  if (table == std::string::npos) return rows;
  std::istringstream lines(help.substr(table));
  const std::regex row(R"(^ +([0-9]+)  (\S+) +(.+)$)");
  for (std::string line; std::getline(lines, line);) {
    std::smatch match;
    if (std::regex_match(line, match, row)) rows.push_back({match[1], match[2], match[3]});
  }
  return rows;
}

const std::vector<std::vector<std::string>> kCommands = {{"videos", "upload"},
                                                         {"videos", "list"},
                                                         {"video-tasks", "create"},
                                                         {"video-tasks", "get"},
                                                         {"image-animation", "create"},
                                                         {"dubbing", "create"},
                                                         {"scripts", "create"},
                                                         {"scripts", "get"},
                                                         {"scripts", "list"},
                                                         {"avatars", "list"},
                                                         {"avatar-videos", "create"},
                                                         {"avatar-videos", "get"},
                                                         {"avatar-videos", "list"},
                                                         {"avatar-videos", "rename"},
                                                         {"download"},
                                                         {"notices"}};

TEST(CliHelp, VersionIsTheProjects) {
  const CliRun run = run_cli({"--version"});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out, "tiktok-aigc " TIKTOK_AIGC_VERSION "\n");
}

TEST(CliHelp, HelpNamesEveryGroupAndEveryExitCode) {
  const CliRun run = run_cli({"--help"});
  EXPECT_EQ(run.exit_code, 0);
  std::set<std::string> groups;
  for (const auto& command : kCommands) groups.insert(command.front());
  for (const std::string& group : groups)
    EXPECT_NE(run.out.find("  " + group), std::string::npos) << group;
  for (const ExitCodeRow& row : exit_code_rows(run.out)) EXPECT_FALSE(row.name.empty());
  EXPECT_EQ(exit_code_rows(run.out).size(), 14u) << run.out;
}

TEST(CliHelp, EveryCommandHasHelp) {
  for (std::vector<std::string> command : kCommands) {
    command.push_back("--help");
    const CliRun run = run_cli(command);
    EXPECT_EQ(run.exit_code, 0) << command.front();
    EXPECT_NE(run.out.find("Usage:"), std::string::npos) << command.front() << ":\n" << run.out;
  }
}

TEST(CliHelp, TheReadmeListsTheExitCodesHelpPrints) {
  const CliRun run = run_cli({"--help"});
  const std::string readme = read_file(std::string(SOURCE_DIR) + "/README.md");
  for (const ExitCodeRow& row : exit_code_rows(run.out)) {
    EXPECT_NE(readme.find("| " + row.code + " | `" + row.name + "` | " + row.meaning + " |"),
              std::string::npos)
        << "README.md lacks the row for exit code " << row.code << ": " << row.meaning;
  }
}

TEST(CliHelp, ABadCommandLineExitsTwo) {
  EXPECT_EQ(run_cli({"videos", "list", "--no-such-flag"}).exit_code, 2);
  EXPECT_EQ(run_cli({}).exit_code, 2);  // no command
  const CliRun both = run_cli({"--mock", "--base-url", "http://127.0.0.1:1", "videos", "list"});
  EXPECT_EQ(both.exit_code, 2);
  EXPECT_NE(both.err.find("--base-url"), std::string::npos) << both.err;
}

// ---------------------------------------------------------------------------------------
// --mock: the whole workflow, one run per step, the state kept between them
// ---------------------------------------------------------------------------------------

class MockSession : public ::testing::Test {
 protected:
  CliRun cli(std::vector<std::string> args, RunOptions options = {}) {
    args.insert(args.begin(),
                {"--mock", "--mock-state", dir_ / "state", "--accept-notices", "--json"});
    return run_cli(args, options);
  }
  // Runs and expects success; the --json document.
  json ok(const std::vector<std::string>& args) {
    const CliRun run = cli(args);
    EXPECT_EQ(run.exit_code, 0) << run.err;
    return run.json();
  }

  TempDir dir_;
};

TEST_F(MockSession, UploadCreateWaitListDownload) {
  json upload = ok({"videos", "upload"});  // the mock's sample video
  ASSERT_TRUE(upload["video_id"].is_string()) << upload;
  const std::string video_id = upload["video_id"];

  json created = ok({"video-tasks",
                     "create",
                     "--type",
                     "VOICEOVER",
                     "--video-id",
                     video_id,
                     "--source-language",
                     "en",
                     "--product-name",
                     "Trail Runner 2",
                     "--title",
                     "Trail Runner 2 shoes",
                     "--description",
                     "Light trail shoes",
                     "--selling-point",
                     "Grippy",
                     "--selling-point",
                     "Light",
                     "--download",
                     dir_ / "videos"});
  ASSERT_EQ(created["task_ids"].size(), 1u) << created;
  ASSERT_EQ(created["tasks"].size(), 1u) << created;
  EXPECT_EQ(created["tasks"][0]["status"], "SUCCESS");
  ASSERT_EQ(created["downloads"].size(), 1u);
  const std::string saved = created["downloads"][0]["path"];
  EXPECT_EQ(saved,
            dir_ / ("videos/" + created["tasks"][0]["video_id"].get<std::string>() + ".mp4"));
  EXPECT_TRUE(is_mp4(read_file(saved)));
  EXPECT_EQ(created["downloads"][0]["bytes"], read_file(saved).size());

  // Another run, the same mock state: the video is listed, and its URL still works.
  json listed = ok({"videos", "list", "--type", "VOICEOVER"});
  ASSERT_EQ(listed["list"].size(), 1u) << listed;
  EXPECT_EQ(listed["list"][0]["video_id"], created["tasks"][0]["video_id"]);
  EXPECT_EQ(listed["page_info"]["total_number"], 1);
  json downloaded = ok({"download", listed["list"][0]["preview_url"], dir_ / "again.mp4"});
  EXPECT_EQ(downloaded["bytes"], read_file(saved).size());
  EXPECT_EQ(read_file(dir_ / "again.mp4"), read_file(saved));

  json tasks = ok({"video-tasks", "get", "--type", "VOICEOVER", created["task_ids"][0]});
  EXPECT_EQ(tasks["list"][0]["status"], "SUCCESS");
  json every = ok({"videos", "list", "--all", "--page-size", "1"});
  EXPECT_EQ(every["list"].size(), 1u);
}

TEST_F(MockSession, ScriptsFromAPromptAndFromAProduct) {
  json custom = ok({"scripts", "create", "--prompt", "A 15-second ad for trail shoes", "--count",
                    "2", "--wait"});
  EXPECT_EQ(custom["task"]["status"], "SUCCESS") << custom;
  EXPECT_EQ(custom["task"]["list"].size(), 2u);
  json product = ok({"scripts", "create", "--product-name", "Trail Runner 2",
                     "--product-description", "Light trail shoes", "--image-url",
                     "https://cdn.example.com/a.jpg", "--duration", "15S"});
  ASSERT_TRUE(product["task_id"].is_string()) << product;

  json task = ok({"scripts", "get", product["task_id"], "--wait"});
  EXPECT_EQ(task["task"]["status"], "SUCCESS");
  EXPECT_EQ(ok({"scripts", "get", custom["task_id"]})["list"].size(), 2u);
  json all = ok({"scripts", "list", "--all"});
  EXPECT_EQ(all["list"].size(), 2u + task["task"]["list"].size());
  EXPECT_EQ(ok({"scripts", "list", "--page-size", "1"})["list"].size(), 1u);
}

TEST_F(MockSession, AvatarVideoFromTheCatalogue) {
  json avatars = ok({"avatars", "list", "--page-size", "5"});
  ASSERT_EQ(avatars["list"].size(), 5u) << avatars;
  const std::string avatar_id = avatars["list"][0]["avatar_id"];
  EXPECT_EQ(ok({"avatars", "list", "--all"})["list"].size(), 88u);

  json made = ok({"avatar-videos", "create", "--avatar-id", avatar_id, "--script",
                  "Meet the Trail Runner 2.", "--name", "launch", "--package-id", "p-1",
                  "--download", dir_ / "avatar"});
  ASSERT_EQ(made["tasks"].size(), 1u) << made;
  EXPECT_EQ(made["list"][0]["package_id"], "p-1");
  EXPECT_EQ(made["tasks"][0]["status"], "SUCCESS");
  EXPECT_EQ(made["tasks"][0]["video_name"], "launch");
  const std::string video_id = made["tasks"][0]["avatar_video_id"];
  EXPECT_TRUE(is_mp4(read_file(dir_ / ("avatar/" + video_id + ".mp4"))));

  ok({"avatar-videos", "rename", video_id, "launch v2"});
  json listed = ok({"avatar-videos", "list", "--avatar-id", avatar_id});
  ASSERT_EQ(listed["list"].size(), 1u) << listed;
  EXPECT_EQ(listed["list"][0]["avatar_video_id"], video_id);
  EXPECT_EQ(listed["list"][0]["video_name"], "launch v2");
  EXPECT_EQ(ok({"avatar-videos", "get", made["list"][0]["task_id"]})["list"][0]["status"],
            "SUCCESS");
  EXPECT_EQ(ok({"avatar-videos", "list", "--all"})["list"].size(), 1u);
}

TEST_F(MockSession, AnAvatarTheCatalogueLacksIsRefusedByPackage) {
  const CliRun run =
      cli({"avatar-videos", "create", "--avatar-id", "7000000000000000001", "--script", "Hello"});
  EXPECT_EQ(run.exit_code, 3) << run.err;
  EXPECT_NE(run.err.find("material_packages[0]: "), std::string::npos) << run.err;
  EXPECT_EQ(run.json()["error"]["category"], "invalid_argument");
}

TEST_F(MockSession, ImageAnimationAndDubbing) {
  json animated = ok({"image-animation", "create", "--count", "2", "--wait"});
  ASSERT_EQ(animated["tasks"].size(), 2u) << animated;
  for (const json& task : animated["tasks"]) {
    EXPECT_EQ(task["status"], "SUCCESS");
    EXPECT_EQ(task["aigc_video_type"], "IMAGE_ANIMATION");
  }
  json dubbed =
      ok({"dubbing", "create", "--language", "fr", "--subtitles", "--name", "trail-fr", "--wait"});
  ASSERT_EQ(dubbed["tasks"].size(), 1u) << dubbed;
  EXPECT_EQ(dubbed["tasks"][0]["status"], "SUCCESS");
  json videos = ok({"videos", "list", "--type", "DUBBING"});
  ASSERT_EQ(videos["list"].size(), 1u) << videos;
  EXPECT_EQ(videos["list"][0]["video_name"], "trail-fr");
  EXPECT_EQ(videos["list"][0]["dubbing_info"]["target_language"], "fr");
}

TEST_F(MockSession, ReadableTablesWithoutJson) {
  const CliRun run =
      run_cli({"--mock", "--mock-state", dir_ / "state", "avatars", "list", "--page-size", "3"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  std::istringstream lines(run.out);
  std::string header;
  std::getline(lines, header);
  EXPECT_EQ(header.rfind("AVATAR_ID", 0), 0u) << run.out;
  EXPECT_NE(header.find("NAME"), std::string::npos);
  int rows = 0;
  for (std::string line; std::getline(lines, line);)
    rows += std::regex_search(line, std::regex("^7[0-9]{18}  ")) ? 1 : 0;
  EXPECT_EQ(rows, 3) << run.out;
  EXPECT_NE(run.out.find("page 1 of 30, 88 in all"), std::string::npos) << run.out;
}

TEST_F(MockSession, QuietWaitsWithoutProgress) {
  const CliRun run = cli({"--quiet", "image-animation", "create", "--wait"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "");
  EXPECT_EQ(run.json()["tasks"][0]["status"], "SUCCESS");
}

TEST_F(MockSession, TheStateLivesUnderXdgStateHomeByDefault) {
  RunOptions in_state_home;
  in_state_home.env = {{"XDG_STATE_HOME", dir_ / "xdg"}};
  const CliRun first =
      run_cli({"--mock", "--accept-notices", "--json", "videos", "upload"}, in_state_home);
  EXPECT_EQ(first.exit_code, 0) << first.err;
  EXPECT_TRUE(fs::exists(dir_ / "xdg/tiktok-aigc/mock/mock-state.sqlite3"));
  const CliRun help = run_cli({"--help"}, in_state_home);
  EXPECT_NE(help.out.find(dir_ / "xdg/tiktok-aigc/mock"), std::string::npos) << help.out;
}

TEST_F(MockSession, AnEmptyListSaysSo) {
  const CliRun run = run_cli({"--mock", "--mock-state", dir_ / "state", "scripts", "list"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "none yet\n");
}

TEST_F(MockSession, ProgressLinesCarryTimestampsWhenStderrIsNoTerminal) {
  const CliRun run = cli({"image-animation", "create", "--wait"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  const std::regex line(
      R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ video tasks: 1 (SUBMITTED|PROCESSING|SUCCESS)$)");
  std::istringstream lines(run.err);
  int matched = 0;
  for (std::string text; std::getline(lines, text);)
    matched += std::regex_match(text, line) ? 1 : 0;
  EXPECT_GE(matched, 2)
      << run.err;  // one per state seen, at least SUBMITTED or PROCESSING, then SUCCESS
  EXPECT_EQ(run.err.find('\r'), std::string::npos);
  EXPECT_NE(run.err.find("video tasks: 1 SUCCESS\n"), std::string::npos) << run.err;
}

TEST_F(MockSession, TheStateDirectoryIsOneRunsAtATime) {
  mock::Options options;
  options.state_dir = dir_ / "state";
  mock::MockServer holder(options);  // holds the state file's lock
  const CliRun run = cli({"avatars", "list"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("in use"), std::string::npos) << run.err;
}

// ---------------------------------------------------------------------------------------
// On a terminal: progress redrawn in place, notices asked
// ---------------------------------------------------------------------------------------

TEST(CliTerminal, ProgressIsOneLineRedrawn) {
  TempDir dir;
  const CliRun run =
      run_cli_on_terminal({"--mock", "--mock-state", dir / "state", "--accept-notices",
                           "image-animation", "create", "--wait"});
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("\r\x1b[Kvideo tasks: 1 "), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("IMAGE_ANIMATION  SUCCESS"), std::string::npos) << run.out;
}

TEST(CliTerminal, TheUploadNoticeIsAskedAndAgreedTo) {
  TempDir dir;
  const CliRun agreed =
      run_cli_on_terminal({"--mock", "--mock-state", dir / "state", "videos", "upload"},
                          "Type y to agree to the upload notice", "y\n");
  EXPECT_EQ(agreed.exit_code, 0) << agreed.out;
  EXPECT_NE(agreed.out.find(kUploadNotice), std::string::npos);
  EXPECT_TRUE(std::regex_search(agreed.out, std::regex("video_id v10033g50000[a-z0-9]{20}")))
      << agreed.out;

  const CliRun refused =
      run_cli_on_terminal({"--mock", "--mock-state", dir / "state", "videos", "upload"},
                          "Type y to agree to the upload notice", "no\n");
  EXPECT_EQ(refused.exit_code, 2) << refused.out;
  EXPECT_NE(refused.out.find("nothing was sent"), std::string::npos) << refused.out;
}

// ---------------------------------------------------------------------------------------
// Against a mock this test embeds: what was sent, and every exit code
// ---------------------------------------------------------------------------------------

class EmbeddedMock : public ::testing::Test {
 protected:
  void start(mock::Options options = {}) {
    options.durations.video_submitted = std::chrono::milliseconds(200);
    options.durations.video_processing = std::chrono::milliseconds(500);
    if (!options.seed) options.seed = 7;
    mock_ = std::make_unique<mock::MockServer>(options);
    mock_->start();
  }
  void SetUp() override { start(); }

  // tiktok-aigc --base-url MOCK --token kToken --json ARGS, with no token in the environment.
  CliRun cli(std::vector<std::string> args, RunOptions options = {},
             const std::string& token = kToken) {
    std::vector<std::string> global = {"--base-url", mock_->base_url(), "--json", "--max-attempts",
                                       "1"};
    if (!token.empty()) global.insert(global.end(), {"--token", token});
    args.insert(args.begin(), global.begin(), global.end());
    options.env.push_back({"TIKTOK_ACCESS_TOKEN", ""});
    options.env.push_back({"TIKTOK_API_BASE", ""});
    return run_cli(args, options);
  }

  // The requests the mock received on `path_part`.
  std::vector<mock::JournalEntry> sent(const std::string& path_part) const {
    std::vector<mock::JournalEntry> entries;
    for (const mock::JournalEntry& entry : mock_->journal()) {
      if (entry.path.find(path_part) != std::string::npos) entries.push_back(entry);
    }
    return entries;
  }

  std::string voiceover_task(const std::string& video_id) {
    const CliRun run =
        cli({"--accept-notices", "video-tasks", "create", "--type", "VOICEOVER", "--video-id",
             video_id, "--source-language", "en", "--product-name", "Shoe", "--title", "Shoe",
             "--description", "A shoe", "--selling-point", "Light"});
    EXPECT_EQ(run.exit_code, 0) << run.err;
    return run.json()["task_ids"][0];
  }
  std::string uploaded_video() {
    const CliRun run = cli({"--accept-notices", "videos", "upload", mock_->sample_video_url()});
    EXPECT_EQ(run.exit_code, 0) << run.err;
    return run.json()["video_id"];
  }

  std::unique_ptr<mock::MockServer> mock_;
  TempDir dir_;
};

// Over HTTPS, a certificate no CA vouches for is refused (exit 1: no retry can fix it), and
// trusted with --ca-file; verification is never switched off.
TEST_F(EmbeddedMock, HttpsVerifiesTheCertificateAndTrustsTheCaFile) {
  tiktok_aigc::testing::SelfSignedCertificate certificate;
  ASSERT_TRUE(certificate.ok()) << "openssl could not make a certificate";
  mock::Options options;
  options.tls_cert_file = certificate.cert();
  options.tls_key_file = certificate.key();
  start(options);
  ASSERT_EQ(mock_->base_url().rfind("https://", 0), 0u);

  const CliRun untrusted = cli({"scripts", "list"});
  EXPECT_EQ(untrusted.exit_code, 1) << untrusted.err;
  EXPECT_NE(untrusted.err.find("TLS verification failed"), std::string::npos) << untrusted.err;
  EXPECT_TRUE(sent("script/list").empty());

  const CliRun trusted = cli({"--ca-file", certificate.cert(), "scripts", "list"});
  EXPECT_EQ(trusted.exit_code, 0) << trusted.err;
  EXPECT_EQ(sent("script/list").size(), 1u);
  // Stopped (its threads joined) before the certificate's files go: ThreadSanitizer cannot
  // see the uninstrumented TLS server close its sockets, and would take the descriptor the
  // removal reuses for a race.
  mock_.reset();
}

TEST_F(EmbeddedMock, ABodyFileWithFlagsOnTop) {
  const std::string video_id = uploaded_video();
  json body = {{"aigc_video_type", "VOICEOVER"},
               {"product_video_info",
                {{"video_generation_count", 2},
                 {"product_info_list",
                  {{{"source_language", "en"},
                    {"product_name", "Shoe"},
                    {"title", "Shoe"},
                    {"description", "A shoe"},
                    {"selling_points", {"Light"}}}}},
                 {"input_video_list", {{"video_id_list", {"v10033g50000aaaaaaaaaaaaaaaaaaaa"}}}}}}};
  write_file(dir_ / "body.json", body.dump());
  const CliRun run = cli({"video-tasks", "create", "--body", dir_ / "body.json", "--video-id",
                          video_id, "--count", "1"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  const auto creates = sent("video/task/create");
  ASSERT_EQ(creates.size(), 1u);
  json expected = body;
  expected["product_video_info"]["video_generation_count"] = 1;  // the flags win
  expected["product_video_info"]["input_video_list"]["video_id_list"] = {video_id};
  EXPECT_EQ(json::parse(creates[0].body), expected);
}

TEST_F(EmbeddedMock, ABodyFromStdin) {
  RunOptions stdin_body;
  stdin_body.input = R"({"script_source": "CUSTOM", "custom_prompt": "An ad for socks"})";
  const CliRun run = cli({"scripts", "create", "--body", "-"}, stdin_body);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  ASSERT_EQ(sent("script_generation/task/create").size(), 1u);
  EXPECT_EQ(json::parse(sent("script_generation/task/create")[0].body)["custom_prompt"],
            "An ad for socks");
}

TEST_F(EmbeddedMock, ABodyThatCannotBeUsedSendsNothing) {
  write_file(dir_ / "typo.json", R"({"script_source": "CUSTOM", "custom_promt": "An ad"})");
  const CliRun typo = cli({"scripts", "create", "--body", dir_ / "typo.json"});
  EXPECT_EQ(typo.exit_code, 3);
  EXPECT_NE(typo.err.find("custom_promt"), std::string::npos) << typo.err;
  EXPECT_EQ(typo.json()["error"]["category"], "invalid_argument");

  write_file(dir_ / "broken.json", R"({"script_source": )");
  const CliRun broken = cli({"scripts", "create", "--body", dir_ / "broken.json"});
  EXPECT_EQ(broken.exit_code, 2);
  EXPECT_NE(broken.err.find("not JSON"), std::string::npos) << broken.err;
  EXPECT_EQ(broken.json()["error"]["category"], "usage");

  const CliRun missing = cli({"scripts", "create", "--body", dir_ / "missing.json"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("cannot be read"), std::string::npos) << missing.err;
  EXPECT_TRUE(sent("script_generation").empty());
}

TEST_F(EmbeddedMock, ARuleBrokenIsSaidBeforeSending) {
  const CliRun run = cli({"video-tasks", "create", "--type", "VOICEOVER", "--video-id",
                          "v10033g50000aaaaaaaaaaaaaaaaaaaa", "--count", "9", "--source-language",
                          "en", "--product-name", "Shoe", "--title", "Shoe", "--description",
                          "A shoe", "--selling-point", "Light"});
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_NE(run.err.find("video_generation_count"), std::string::npos) << run.err;
  EXPECT_EQ(run.json()["error"]["code"], 40002);
  EXPECT_TRUE(sent("video/task/create").empty());
}

TEST_F(EmbeddedMock, ADryRunPrintsTheCheckedRequestAndSendsNothing) {
  const CliRun create = cli({"--dry-run", "avatar-videos", "create", "--avatar-id", "7", "--script",
                             "Hi", "--package-id", "p"});
  EXPECT_EQ(create.exit_code, 0) << create.err;
  EXPECT_EQ(
      create.json(),
      json::parse(
          R"({"material_packages": [{"avatar_id": "7", "script": "Hi", "package_id": "p"}]})"));

  const CliRun list = cli({"--dry-run", "avatar-videos", "list", "--avatar-id", "7", "--from",
                           "2026-01-01", "--page", "2"});
  EXPECT_EQ(
      list.json(),
      json::parse(R"({"filtering": {"avatar_id": "7", "start_date": "2026-01-01"}, "page": 2})"));
  // What it prints is what --body takes.
  write_file(dir_ / "list.json", list.out);
  EXPECT_EQ(cli({"--dry-run", "avatar-videos", "list", "--body", dir_ / "list.json"}).json(),
            list.json());

  const CliRun broken = cli({"--dry-run", "scripts", "create", "--prompt", std::string(3001, 'a')});
  EXPECT_EQ(broken.exit_code, 3);
  EXPECT_NE(broken.err.find("custom_prompt"), std::string::npos) << broken.err;

  const CliRun download = cli({"--dry-run", "download", mock_->sample_video_url(), dir_ / "x.mp4"});
  EXPECT_EQ(download.exit_code, 0) << download.err;
  EXPECT_FALSE(fs::exists(dir_ / "x.mp4"));
  EXPECT_TRUE(mock_->journal().empty());  // nothing reached the mock, not even the sample
}

TEST_F(EmbeddedMock, NoTokenExitsFour) {
  const CliRun run = cli({"videos", "list"}, {}, "");
  EXPECT_EQ(run.exit_code, 4);
  EXPECT_NE(run.err.find("no access token"), std::string::npos) << run.err;
}

TEST_F(EmbeddedMock, ARefusedTokenExitsFourAndIsNeverPrinted) {
  mock::Options options;
  options.tokens = {"the-only-good-token"};
  start(options);
  const CliRun run = cli({"videos", "list"});
  EXPECT_EQ(run.exit_code, 4) << run.err;
  EXPECT_EQ(run.json()["error"]["code"], 40105);
  EXPECT_EQ(run.out.find(kToken), std::string::npos);
  EXPECT_EQ(run.err.find(kToken), std::string::npos);
}

TEST_F(EmbeddedMock, NotAllowlistedExitsFive) {
  mock::Options options;
  options.avatar_tokens = {"someone-else"};
  start(options);
  const CliRun run = cli({"avatars", "list"});
  EXPECT_EQ(run.exit_code, 5) << run.err;
  EXPECT_EQ(run.json()["error"]["code"], 40118);
}

TEST_F(EmbeddedMock, AnUnknownTaskExitsSix) {
  const CliRun run = cli({"scripts", "get", "7000000000000000001"});
  EXPECT_EQ(run.exit_code, 6) << run.err;
  EXPECT_EQ(run.json()["error"]["code"], 40007);
}

TEST_F(EmbeddedMock, OverTheBudgetExitsSeven) {
  mock::Options options;
  options.rate_limit_overrides = {{"script_list", 1}};
  start(options);
  EXPECT_EQ(cli({"scripts", "list"}).exit_code, 0);
  const CliRun run = cli({"scripts", "list"});
  EXPECT_EQ(run.exit_code, 7) << run.err;
  EXPECT_EQ(run.json()["error"]["code"], 40100);
}

TEST_F(EmbeddedMock, AServerFailureExitsEight) {
  mock_->inject_fault(mock::Fault::with_http_status("video_list", 503));
  const CliRun run = cli({"videos", "list"});
  EXPECT_EQ(run.exit_code, 8) << run.err;
  EXPECT_EQ(run.json()["error"]["category"], "transient");
}

TEST_F(EmbeddedMock, AFailedTaskExitsNine) {
  const std::string video_id = uploaded_video();
  mock_->queue_video_outcomes({mock::TaskOutcome::failed});
  const CliRun run =
      cli({"video-tasks", "get", "--type", "VOICEOVER", "--wait", voiceover_task(video_id)});
  EXPECT_EQ(run.exit_code, 9) << run.err;
  EXPECT_EQ(run.json()["tasks"][0]["status"], "FAILED");
}

TEST_F(EmbeddedMock, AWaitPastTheTimeoutExitsTen) {
  mock::Options options;
  options.clock_frozen = true;  // the task never moves on
  start(options);
  const std::string task = voiceover_task(uploaded_video());
  const CliRun run =
      cli({"--timeout", "1", "video-tasks", "get", "--type", "VOICEOVER", "--wait", task});
  EXPECT_EQ(run.exit_code, 10) << run.err;
  EXPECT_EQ(run.json()["tasks"][0]["status"], "SUBMITTED");
}

TEST_F(EmbeddedMock, AnExpiredUrlExitsEleven) {
  const std::string task = voiceover_task(uploaded_video());
  mock_->advance_clock(std::chrono::minutes(1));
  const CliRun done = cli({"video-tasks", "get", "--type", "VOICEOVER", task});
  ASSERT_EQ(done.exit_code, 0) << done.err;
  const std::string url = done.json()["list"][0]["preview_url"];
  mock_->advance_clock(std::chrono::hours(7));
  const CliRun run = cli({"--accept-notices", "download", url, dir_ / "late.mp4"});
  EXPECT_EQ(run.exit_code, 11) << run.err;
  EXPECT_FALSE(fs::exists(dir_ / "late.mp4"));
  EXPECT_FALSE(fs::exists(dir_ / "late.mp4.part"));
}

TEST_F(EmbeddedMock, AnAnswerNotAsDocumentedExitsTwelve) {
  httplib::Server odd;
  odd.Get(".*", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(R"({"code": 0, "message": "OK", "data": {"list": 5}})", "application/json");
  });
  const int port = odd.bind_to_any_port("127.0.0.1");
  std::thread serving([&] { odd.listen_after_bind(); });
  const CliRun run = run_cli({"--base-url", "http://127.0.0.1:" + std::to_string(port), "--token",
                              kToken, "--json", "videos", "list"});
  odd.stop();
  serving.join();
  EXPECT_EQ(run.exit_code, 12) << run.err;
  EXPECT_EQ(run.json()["error"]["category"], "bad_response");
}

// Saved files are named after ids from the answer: one that could leave the directory stays in it.
TEST_F(EmbeddedMock, AnIdFromTheAnswerNeverLeavesTheDownloadDirectory) {
  httplib::Server odd;
  int port = 0;
  odd.Get(".*/video/task/list/", [&](const httplib::Request&, httplib::Response& res) {
    const json task = {{"task_id", "1"},
                       {"aigc_video_type", "STOCK_VIDEO"},
                       {"status", "SUCCESS"},
                       {"video_id", "../../escape"},
                       {"preview_url", "http://127.0.0.1:" + std::to_string(port) + "/v.mp4"}};
    res.set_content(json{{"code", 0}, {"message", "OK"}, {"data", {{"list", {task}}}}}.dump(),
                    "application/json");
  });
  odd.Get("/v.mp4", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("not much of a video", "video/mp4");
  });
  port = odd.bind_to_any_port("127.0.0.1");
  std::thread serving([&] { odd.listen_after_bind(); });
  const CliRun run = run_cli({"--base-url", "http://127.0.0.1:" + std::to_string(port), "--token",
                              kToken, "--json", "--accept-notices", "video-tasks", "get", "--type",
                              "STOCK_VIDEO", "--download", dir_ / "a/b", "1"});
  odd.stop();
  serving.join();
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.json()["downloads"][0]["path"], dir_ / "a/b/______escape.mp4");
  EXPECT_EQ(read_file(dir_ / "a/b/______escape.mp4"), "not much of a video");
  EXPECT_FALSE(fs::exists(dir_ / "escape.mp4"));
}

TEST_F(EmbeddedMock, CtrlCCancelsAWaitWithExit130) {
  mock::Options options;
  options.clock_frozen = true;
  start(options);
  const std::string task = voiceover_task(uploaded_video());
  bool signalled = false;
  RunOptions interrupt;
  interrupt.watch = [&](pid_t pid, const std::string& err) {
    if (!signalled && err.find("video tasks: 1 SUBMITTED") != std::string::npos) {
      signalled = true;
      kill(pid, SIGINT);
    }
  };
  const CliRun run = cli({"video-tasks", "get", "--type", "VOICEOVER", "--wait", task}, interrupt);
  EXPECT_TRUE(signalled) << run.err;
  EXPECT_EQ(run.exit_code, 130) << run.err;
  EXPECT_EQ(run.json()["error"]["category"], "cancelled");
}

TEST_F(EmbeddedMock, WithoutAcknowledgementNothingIsSent) {
  const CliRun upload = cli({"videos", "upload", mock_->sample_video_url()});
  EXPECT_EQ(upload.exit_code, 2);
  EXPECT_NE(upload.err.find("upload notice"), std::string::npos) << upload.err;
  EXPECT_TRUE(sent("file/video/ad/upload").empty());

  const CliRun dub =
      cli({"dubbing", "create", "--video-url", mock_->sample_video_url(), "--language", "fr"});
  EXPECT_EQ(dub.exit_code, 2);
  EXPECT_TRUE(sent("video/task/create").empty());

  const CliRun download = cli({"download", mock_->sample_video_url(), dir_ / "file.mp4"});
  EXPECT_EQ(download.exit_code, 2);
  EXPECT_NE(download.err.find("download notice"), std::string::npos) << download.err;
  EXPECT_FALSE(fs::exists(dir_ / "file.mp4"));

  // --download asks before the task is made, not after the wait.
  const CliRun create = cli({"--accept-notices", "--timeout", "1", "avatar-videos", "create",
                             "--avatar-id", "1", "--script", "Hi", "--download", dir_ / "d"},
                            {}, kToken);
  EXPECT_EQ(sent("digital_avatar/video/task/create").size(), 1u);  // acknowledged: sent
  const CliRun unasked = cli(
      {"avatar-videos", "create", "--avatar-id", "1", "--script", "Hi", "--download", dir_ / "d"});
  EXPECT_EQ(unasked.exit_code, 2);
  EXPECT_EQ(sent("digital_avatar/video/task/create").size(), 1u);  // refused: not sent
}

TEST_F(EmbeddedMock, TheNoticesCommandPrintsAllThree) {
  json notices = cli({"notices"}).json()["notices"];
  ASSERT_EQ(notices.size(), 3u);
  EXPECT_EQ(notices[0]["text"], kUploadNotice);
  EXPECT_EQ(notices[1]["text"], kDownloadNotice);
  EXPECT_EQ(notices[2]["text"], kDubbingConsent);
}

}  // namespace
}  // namespace tiktok_aigc::cli::testing

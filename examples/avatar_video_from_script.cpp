// avatar_video_from_script: a script the API writes, spoken by a Digital Avatar: the Generate
// Scripts workflow carried on through the Digital Avatar API (allowlist-only on the live API).
//
//   avatar_video_from_script ["PROMPT"]   the mock starts in-process unless
//                                         TIKTOK_ACCESS_TOKEN is set
//
// Write a script from a prompt -> look through the avatar catalogue, pick one -> make an avatar
// video of the script -> wait -> rename it -> list it -> download it into ./aigc-output/.

#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "example_support.hpp"

using namespace tiktok_aigc;
using example::or_exit;

int main(int argc, char** argv) {
  return example::run([&] {
    example::Backend backend = example::connect();
    Client client(backend.options);

    std::cout << "1. Write a script\n";
    CreateScriptTaskRequest script_request;
    script_request.script_source = ScriptSource::custom();
    script_request.custom_prompt = argc > 1 ? argv[1]
                                            : "A 20-second script in which a friendly presenter introduces "
                                              "trail running shoes that grip on wet rock.";
    script_request.script_generation_count = 1;
    const CreatedScriptTask script_task = or_exit(client.create_script_task(script_request), "script task create");
    const Script script =
        or_exit(client.wait_for_script_task(script_task.task_id, backend.wait), "wait for the script").front().list.at(0);
    std::cout << "   \"" << script.title << "\": " << example::one_line(script.script, 70) << "\n";

    std::cout << "\n2. Pick a Digital Avatar from the catalogue\n";
    std::vector<Avatar> avatars;
    for (const Result<Avatar>& avatar : client.all_avatars()) avatars.push_back(or_exit(avatar, "avatar catalogue"));
    if (avatars.empty()) throw std::runtime_error("the avatar catalogue is empty");
    const Avatar& avatar = avatars.front();
    std::cout << "   " << avatars.size() << " avatars; " << avatar.avatar_name << " (" << avatar.avatar_id
              << ")\n   thumbnail (valid six hours): " << avatar.avatar_thumbnail << "\n";

    std::cout << "\n3. The avatar says the script\n" << kUploadNotice << "\n";
    AvatarMaterialPackage package;
    package.avatar_id = avatar.avatar_id;
    // At most 2000 characters (about 500 make 30 s); emoji are not spoken.
    package.script = example::first_chars(script.script, 2000);
    package.package_id = "trail-runner";  // echoed beside its task
    CreateAvatarVideoTasksRequest request;
    request.material_packages = {package};
    Result<CreatedAvatarVideoTasks> created = client.create_avatar_video_tasks(request);
    if (!created && created.status().category == ErrorCategory::permission_denied) {
      std::cerr << "This app is not allowlisted for Digital Avatars: ask your TikTok representative.\n";
    }
    const CreatedAvatarVideoTasks tasks = or_exit(std::move(created), "avatar video task create");
    for (const CreatedAvatarVideoTask& item : tasks.list) {
      if (item.failed()) std::cerr << "   package " << item.package_id.value_or("-") << ": " << item.error_msg.value_or("failed") << "\n";
    }

    example::ProgressLine line;
    const AvatarVideoTask task =
        or_exit(client.wait_for_avatar_video_tasks(tasks.task_ids(), backend.wait,
                                                   [&](const std::vector<AvatarVideoTask>& now) {
                                                     line.show("avatar video: " + now.at(0).status.wire());
                                                   }),
                "wait for the avatar video")
            .front();
    line.finish();

    std::cout << "\n4. Rename it and find it in the list\n";
    RenameAvatarVideoRequest rename;
    rename.avatar_video_id = task.avatar_video_id.value();
    rename.file_name = "Trail Runner 2, presented by " + avatar.avatar_name;
    or_exit(client.rename_avatar_video(rename), "rename");
    AvatarVideoListQuery query;
    query.avatar_id = avatar.avatar_id;  // only this avatar's videos
    const AvatarVideoPage page = or_exit(client.list_avatar_videos(query), "avatar video list");
    for (const AvatarVideo& video : page.list) {
      std::cout << "   " << video.create_time << "  " << video.video_name << "\n";
    }

    std::cout << "\n5. Download it\n" << kDownloadNotice << "\n";
    std::filesystem::create_directories("aigc-output");
    const std::string path = "aigc-output/avatar-" + *task.avatar_video_id + ".mp4";
    const auto bytes = or_exit(client.download_preview_to_file(*task.preview_url, path), "download");
    std::cout << "   " << path << " (" << bytes << " bytes)\n";
  });
}

// A throwaway self-signed certificate for 127.0.0.1 and localhost, made with the openssl
// program in a temporary directory that goes with it: for tests of HTTPS on loopback.
#pragma once

#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>

namespace tiktok_aigc::testing {

class SelfSignedCertificate {
 public:
  SelfSignedCertificate() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "tiktok-aigc-certificate-XXXXXX").string();
    if (!mkdtemp(pattern.data())) return;
    dir_ = pattern;
    cert_ = dir_ + "/cert.pem";
    key_ = dir_ + "/key.pem";
    const std::string command =
        "openssl req -x509 -newkey rsa:2048 -nodes -keyout '" + key_ + "' -out '" + cert_ +
        "' -days 1 -subj /CN=localhost -addext subjectAltName=IP:127.0.0.1,DNS:localhost "
        ">/dev/null 2>&1";
    ok_ = std::system(command.c_str()) == 0 && std::filesystem::exists(cert_) &&
          std::filesystem::exists(key_);
  }
  ~SelfSignedCertificate() {
    std::error_code ignored;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ignored);
  }
  SelfSignedCertificate(const SelfSignedCertificate&) = delete;
  SelfSignedCertificate& operator=(const SelfSignedCertificate&) = delete;

  bool ok() const { return ok_; }
  const std::string& dir() const { return dir_; }
  const std::string& cert() const { return cert_; }
  const std::string& key() const { return key_; }

 private:
  std::string dir_, cert_, key_;
  bool ok_ = false;
};

}  // namespace tiktok_aigc::testing

// The host's stand-in for a camera: the JPEG files of a folder, in name order.
#pragma once

#include <string>
#include <vector>

// Paths of *.jpg / *.jpeg files in `dir`, sorted by name. Empty if none or unreadable.
std::vector<std::string> listFrames(const std::string& dir);

// Reads a whole file; false if it cannot.
bool readFrame(const std::string& path, std::vector<unsigned char>& bytes);

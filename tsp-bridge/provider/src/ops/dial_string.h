#pragma once

#include <string>

namespace acd::tsp {

/// A destination the providers accept: 1..32 characters of digits, '*', '#', leading '+'.
inline bool isValidDialString(const char *dest) {
    if (!dest || !*dest)
        return false;
    std::string s(dest);
    if (s.size() > 32)
        return false;
    for (size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        bool ok = (c >= '0' && c <= '9') || c == '*' || c == '#' || (c == '+' && i == 0);
        if (!ok)
            return false;
    }
    return true;
}

} // namespace acd::tsp

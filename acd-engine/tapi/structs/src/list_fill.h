#pragma once
// The one way every list is written (rules in var_struct.h): the entry array first, then each
// entry's name; an unfitted array leaves 0/0 and only counts the names.
#include <cstring>
#include <span>

#include "acd/tapi/var_struct.h"

namespace acd::tapi::detail {

/// Entries without strings (session entries, DWORDs): the array as raw bytes.
template<typename Entry>
Placement appendEntries(VarStructWriter &w, std::span<const Entry> entries)
{
    return w.appendBytes(entries.data(), entries.size_bytes());
}

/// Entries with a dwNameSize/dwNameOffset pair. `fill(Entry &, const Item &)` sets the other
/// fields, `name(const Item &)` gives the UTF-8 name.
template<typename Entry, typename Item, typename Fill, typename Name>
Placement appendNamedEntries(VarStructWriter &w, std::span<const Item> items, Fill fill, Name name,
                             StringEncoding encoding)
{
    const Placement list = w.reserve(items.size() * sizeof(Entry));
    if (list.empty()) {
        for (const Item &item : items)
            w.countOnly(encodedSize(name(item), encoding));
        return list;
    }
    for (std::size_t i = 0; i < items.size(); ++i) {
        Entry entry{};
        fill(entry, items[i]);
        const Placement text = w.appendString(name(items[i]), encoding);
        entry.dwNameSize = text.size;
        entry.dwNameOffset = text.offset;
        std::memcpy(w.data() + list.offset + i * sizeof(Entry), &entry, sizeof entry);
    }
    return list;
}

} // namespace acd::tapi::detail

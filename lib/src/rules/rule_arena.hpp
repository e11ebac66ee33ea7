// Storage that outlives the views a rule package hands out: a Regime is spans and string_views
// (so the batch kernel reads it without indirection), and these own what they point at.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tpp::detail {

class RuleArena {
 public:
  std::string_view keep(std::string text) {
    auto owned = std::make_shared<const std::string>(std::move(text));
    const std::string_view view = *owned;
    owned_.push_back(std::move(owned));
    return view;
  }

  template <class T>
  std::span<const T> keep_list(std::vector<T> items) {
    if (items.empty()) return {};
    auto owned = std::make_shared<const std::vector<T>>(std::move(items));
    const std::span<const T> view(*owned);
    owned_.push_back(std::move(owned));
    return view;
  }

  template <class T>
  const T* keep_one(T item) {
    auto owned = std::make_shared<const T>(std::move(item));
    const T* view = owned.get();
    owned_.push_back(std::move(owned));
    return view;
  }

  /// Views into strings: each kept.
  std::span<const std::string_view> keep_strings(const std::vector<std::string>& items) {
    std::vector<std::string_view> views;
    views.reserve(items.size());
    for (const std::string& item : items)
      views.push_back(keep(item));
    return keep_list(std::move(views));
  }

 private:
  // Heap objects never move, so the views stay valid however the arena itself is moved.
  std::vector<std::shared_ptr<const void>> owned_;
};

}  // namespace tpp::detail

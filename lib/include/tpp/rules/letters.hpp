// "Is-informed" letters: what the US government told one exporter in writing, outside the
// published rules. A letter binds only the company it was sent to, changes no ECCN and
// publishes no threshold; it can still require a licence for that company's items. Each letter
// is a data file (the rule package's letters/*.json) with its dates, the items it names, its own
// words about other items, its destinations, a dated status history and graded sources.
#pragma once

#include <deque>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tpp/core/error.hpp"
#include "tpp/core/spec.hpp"
#include "tpp/rules/classify.hpp"
#include "tpp/rules/countries.hpp"
#include "tpp/rules/rules.hpp"

namespace tpp {

/// One dated state of a letter: from `from` on, until the next entry.
struct LetterStatus {
  Date from;
  std::string state;   ///< "licence required"
  std::string review;  ///< how applications are reviewed; "unpublished" when not stated
  std::string note;
  std::string source;  ///< key into the letter's sources
};

/// A test that stands in for a letter's unpublished wording about other items. It is never
/// the letter's own line: a match leaves the licence answer undetermined, flagged UNCONFIRMED.
struct StandIn {
  std::vector<Condition> tests;
  bool all = false;  ///< it matches when all tests hold; otherwise when any does
  std::string note;  ///< why these numbers
};

struct Letter {
  std::string id;         ///< "nvidia-h20-2025"
  std::string recipient;  ///< the company informed: "NVIDIA"
  std::string title;
  Date informed;              ///< the day the company was informed
  std::optional<Date> until;  ///< the last day it had effect; empty: still in effect
  std::string until_reason;
  std::string disclosed;  ///< where the company disclosed it: "NVIDIA 8-K filed 2025-04-15"
  std::string source;     ///< key into `sources` for the letter itself
  std::vector<std::string> models;  ///< bundled chip ids of the items it names
  std::string wording;              ///< its own words about the items
  bool covers_systems = true;       ///< systems that contain a named item are covered too
  std::optional<StandIn> stand_in;
  DestinationSet destinations;      ///< where it requires a licence
  DestinationSet headquartered_in;  ///< end users headquartered here, wherever located
  std::vector<LetterStatus> status;
  std::vector<Source> sources;
  std::vector<std::string> notes;

  /// The source with that key, or nullptr.
  const Source* find_source(std::string_view key) const;
  /// The status in effect on `date`, or nullptr outside the letter's dates.
  const LetterStatus* status_on(Date date) const;
  /// "is-informed letter to NVIDIA, 2025-04-09"
  std::string label() const;
  /// Whether the recipient made the item (or, for a system, one of the ICs it holds).
  bool recipient_made(const ChipSpec& spec) const;
};

/// The letters, read from their JSON files.
class LetterDatabase {
 public:
  /// Letters from JSON texts; `origins` name them in errors. Errors name the file and field.
  static Result<LetterDatabase> from_json(std::span<const std::string_view> texts,
                                          std::span<const std::string_view> origins = {});

  std::span<const Letter> letters() const { return letters_; }
  /// Every day a letter starts, changes status or ends (the day after `until`), sorted.
  std::vector<Date> change_dates() const;
  /// The text the digest of the rule data covers.
  const std::string& canonical_text() const { return canonical_; }

  LetterDatabase() = default;
  LetterDatabase(LetterDatabase&&) = default;
  LetterDatabase& operator=(LetterDatabase&&) = default;
  LetterDatabase(const LetterDatabase&) = delete;
  LetterDatabase& operator=(const LetterDatabase&) = delete;

 private:
  std::vector<Letter> letters_;
  // The destination sets' string views point here; a deque never moves its elements.
  std::unique_ptr<std::deque<std::string>> strings_ = std::make_unique<std::deque<std::string>>();
  std::unique_ptr<std::deque<std::vector<std::string_view>>> lists_ =
      std::make_unique<std::deque<std::vector<std::string_view>>>();
  std::string canonical_;

  friend struct LetterReader;
};

/// A letter that bears on one shipment.
struct LetterMatch {
  const Letter* letter = nullptr;
  const LetterStatus* status = nullptr;
  /// yes: the letter names the item (or a system holding it) and the destination or the end
  /// user's headquarters is covered; unknown: only the stand-in test matches, or an input it
  /// needs is missing.
  Truth applies = Truth::unknown;
  std::string
      how;  ///< "names the H20", "stand-in test: DRAM bandwidth 4,800 ≥ 4,000 (UNCONFIRMED)"
  std::vector<std::string> missing_inputs;
};

/// A dated notice about named items that a compliance reader must see but that requires no
/// licence by itself: guidance (BIS's GP10 warning on Ascend chips), licence decisions, or a
/// letter whose scope was never disclosed (the rule package's notices/*.json).
struct Notice {
  std::string id;
  Date from;
  std::optional<Date> until;
  std::vector<std::string> models;  ///< bundled chip ids (systems holding one see it too)
  std::string text;
  std::vector<Source> sources;  ///< each graded P, C or S

  /// "[S: freshfields-gp10, ...]": the source keys with their grades.
  std::string citation() const;
};

/// Notices from JSON texts (the rule package's notices/*.json); errors name file and field.
Result<std::vector<Notice>> read_notices(std::span<const std::string_view> texts,
                                         std::span<const std::string_view> origins = {});

/// The active rule package's notices in effect on `date` for `spec` (or an IC it contains).
std::vector<const Notice*> notices_for(const ChipSpec& spec, Date date);

struct Report;

/// The letters that bear on shipping `report`'s item to `country` on the report's date for an
/// end user headquartered in `headquarters` (nullptr: not given). Letters whose recipient did
/// not make the item, or whose dates or destinations do not cover the shipment, are left out;
/// so are items neither named nor matched by the stand-in.
std::vector<LetterMatch> letters_for(const Report& report, const Country& country,
                                     const Country* headquarters, const CountryDatabase& countries,
                                     const LetterDatabase& letters);

}  // namespace tpp

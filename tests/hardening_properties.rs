//! Line and column conversions round-trip for any text, in UTF-8, UTF-16 and characters,
//! with every kind of line break. The long run is in `benches/hardening.rs`.

mod properties;

use properties::positioned_text;
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn positions_round_trip_in_every_encoding(text in positioned_text()) {
        properties::positions_round_trip(&text)?;
    }
}

//! Properties of the engine that must hold for any text: no panic, ranges on character
//! boundaries inside the text, the same findings every time, and safe fixes that remove the
//! findings they fix without touching lines that had none. The properties live in
//! `tests/properties/`, shared with the long run in `benches/hardening.rs`.

mod properties;

use properties::document_text;
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn findings_are_well_formed_and_deterministic(text in document_text(), plain in any::<bool>()) {
        properties::findings_are_well_formed_and_deterministic(&text, plain)?;
    }

    #[test]
    fn safe_fixes_remove_their_findings(text in document_text()) {
        properties::safe_fixes_remove_their_findings(&text)?;
    }
}

//! Turns one check of a document into what the editor shows: diagnostics with their fixes,
//! code actions, hovers, the outline and the role balance. Pure conversions: no IO, no async.

use super::configuration::Problem;
use super::convert::{Converter, Encoding};
use super::settings::{CheckSettings, Checked};
use super::transport::OutgoingFrame;
use crate::engine::{
    Analysis, DocumentFormat, Edit, Finding, FindingClass, Owner, Role, Severity, Suggestion,
    apply_edits,
};
use crate::suppress::{UNUSED_SUPPRESSION_RULE, UnusedSuppression};
use crate::text::{LineMap, PositionCursor};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;
use std::str::FromStr;
use std::sync::Arc;
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeDescription, CodeLens, Command, Diagnostic,
    DiagnosticRelatedInformation, DiagnosticSeverity, DiagnosticTag, DocumentSymbol, Hover,
    HoverContents, Location, MarkupContent, MarkupKind, NumberOrString, Range, SymbolKind,
    TextEdit, Uri,
};

/// The `source` of every diagnostic.
pub(crate) const SOURCE: &str = "rolelint";
/// The fix-all code action kind: `source.fixAll.rolelint`.
pub(crate) const FIX_ALL_KIND: &str = "source.fixAll.rolelint";
/// Command: apply every safe fix of a document (argument: the document URI).
pub(crate) const COMMAND_FIX_ALL: &str = "rolelint.applyAllSafeFixes";
/// Command: declare the document a combined role (argument: the document URI).
pub(crate) const COMMAND_DECLARE_COMBINED: &str = "rolelint.declareCombinedRole";
/// Command run by the role balance lens: shows the balance as a message.
pub(crate) const COMMAND_SHOW_BALANCE: &str = "rolelint.showRoleBalance";

/// The page that documents a rule.
pub(crate) fn rule_doc_url(rule: &str) -> String {
    format!("https://github.com/rolelint/rolelint/blob/main/docs/rules/{rule}.md")
}

/// One finished check of one revision of a document. It keeps the engine's analysis only:
/// diagnostics and their fixes are built from it when they are sent or asked for, so each
/// finding's text is held once.
#[derive(Debug)]
pub(crate) struct CheckedDocument {
    pub(crate) revision: u64,
    pub(crate) version: i32,
    pub(crate) text: Arc<String>,
    pub(crate) lines: Arc<LineMap>,
    pub(crate) encoding: Encoding,
    pub(crate) analysis: Analysis,
    pub(crate) unused_suppressions: Vec<UnusedSuppression>,
    /// The configuration it was checked with, for explanations.
    pub(crate) settings: CheckSettings,
}

/// What a document's text needs to be checked, taken under the documents lock.
pub(crate) struct CheckInput {
    pub(crate) revision: u64,
    pub(crate) version: i32,
    pub(crate) text: Arc<String>,
    pub(crate) lines: Arc<LineMap>,
    pub(crate) format: DocumentFormat,
    pub(crate) encoding: Encoding,
}

impl CheckedDocument {
    /// Runs the engine. Slow for big texts: call it off the async threads.
    pub(crate) fn check(input: CheckInput, settings: CheckSettings) -> CheckedDocument {
        let Checked {
            analysis,
            unused_suppressions,
        } = settings.check(&input.text, input.format);
        CheckedDocument {
            revision: input.revision,
            version: input.version,
            text: input.text,
            lines: input.lines,
            encoding: input.encoding,
            analysis,
            unused_suppressions,
            settings,
        }
    }

    /// A check that found nothing (when the engine could not finish).
    pub(crate) fn empty(input: CheckInput) -> CheckedDocument {
        CheckedDocument {
            revision: input.revision,
            version: input.version,
            text: input.text,
            lines: input.lines,
            encoding: input.encoding,
            analysis: Analysis::default(),
            unused_suppressions: Vec::new(),
            settings: CheckSettings::defaults(),
        }
    }

    /// The diagnostics, findings first, then the suppression comments that hide nothing.
    /// They carry no `data`: code actions find their fixes in the stored check instead.
    pub(crate) fn diagnostics(&self, uri: &Uri, shape: DiagnosticShape) -> Vec<Diagnostic> {
        let converter = self.converter();
        let mut rule_links = RuleLinks::default();
        self.analysis
            .findings
            .iter()
            .map(|finding| finding_diagnostic(finding, &converter, uri, shape, &mut rule_links))
            .chain(
                self.unused_suppressions
                    .iter()
                    .map(|unused| unused_suppression_diagnostic(unused, &converter)),
            )
            .collect()
    }

    /// The whole `textDocument/publishDiagnostics` frame: the same diagnostics as
    /// `diagnostics`, written straight from the findings without building them first.
    pub(crate) fn publish_frame(&self, uri: &Uri, shape: DiagnosticShape) -> OutgoingFrame {
        self.publish_frame_in_parts(uri, shape, DIAGNOSTICS_PER_PART)
    }

    /// `publish_frame`, with the findings of a big check split into parts of at least
    /// `per_part` diagnostics, serialised side by side on the thread pool. The parts are sent
    /// as they are, one after the other, without copying them into one buffer.
    fn publish_frame_in_parts(
        &self,
        uri: &Uri,
        shape: DiagnosticShape,
        per_part: usize,
    ) -> OutgoingFrame {
        let findings = &self.analysis.findings;
        let links = rule_links(findings, shape);
        let wire = WireDiagnostics {
            checked: self,
            uri,
            shape,
            links: &links,
        };
        let mut parts: Vec<Vec<u8>> = if findings.len() / 2 >= per_part.max(1) {
            // Asking for the pool's size starts the pool, so only big checks ask.
            // At least two parts, so the split is the same on a machine with one core.
            let threads = rayon::current_num_threads().max(2);
            let count = (findings.len() / per_part.max(1)).min(threads);
            let chunk = findings.len().div_ceil(count.max(1));
            findings
                .par_chunks(chunk)
                .map(|chunk| wire.findings_json(chunk))
                .collect()
        } else {
            vec![wire.findings_json(findings)]
        };
        parts.push(wire.unused_suppressions_json());
        parts.retain(|part| !part.is_empty());
        // Each part is a run of comma-separated diagnostics; the commas between parts are
        // the first byte of every part but the first.
        for part in parts.iter_mut().skip(1) {
            part.insert(0, b',');
        }
        let mut head = serde_json::to_vec(&WireNotification {
            jsonrpc: "2.0",
            method: "textDocument/publishDiagnostics",
            params: WireParams {
                uri,
                version: Some(self.version),
                diagnostics: [(); 0],
            },
        })
        .unwrap_or_default();
        // The head ends with the empty list and the two closing braces: `[]}}`. The parts go
        // between the brackets.
        const TAIL: &[u8] = b"]}}";
        head.truncate(head.len().saturating_sub(TAIL.len()));
        let body_length = head.len() + parts.iter().map(Vec::len).sum::<usize>() + TAIL.len();
        let mut pieces = Vec::with_capacity(parts.len() + 2);
        let mut header = format!("Content-Length: {body_length}\r\n\r\n").into_bytes();
        header.extend_from_slice(&head);
        pieces.push(header);
        pieces.extend(parts);
        pieces.push(TAIL.to_vec());
        OutgoingFrame::from_pieces(pieces)
    }

    /// The fixes of the finding (or unused suppression) a client's diagnostic stands for:
    /// same range and same code in this check. Empty when none matches, e.g. for a
    /// diagnostic of an older text whose finding moved or went away.
    pub(crate) fn fixes_for(&self, diagnostic: &Diagnostic) -> Vec<FixData> {
        if diagnostic.source.as_deref() != Some(SOURCE) {
            return Vec::new();
        }
        let Some(NumberOrString::String(code)) = diagnostic.code.as_ref() else {
            return Vec::new();
        };
        let converter = self.converter();
        let bytes = converter.byte_range(diagnostic.range);
        let same_place = |range: &std::ops::Range<usize>| {
            *range == bytes && converter.range(range) == diagnostic.range
        };
        if code == UNUSED_SUPPRESSION_RULE {
            return self
                .unused_suppressions
                .iter()
                .find(|unused| same_place(&unused.range))
                .map(|unused| unused_suppression_fixes(unused, &converter))
                .unwrap_or_default();
        }
        let Some(finding) = self
            .analysis
            .findings
            .iter()
            .find(|finding| *finding.rule == **code && same_place(&finding.range))
        else {
            return Vec::new();
        };
        let declaration = declare_combined_fix(&self.analysis, &converter);
        finding_fixes(finding, &converter, declaration.as_ref())
    }

    fn converter(&self) -> Converter<'_> {
        Converter {
            text: &self.text,
            lines: &self.lines,
            encoding: self.encoding,
        }
    }
}

/// The optional diagnostic properties the client said it supports. Leaving out what a client
/// cannot show keeps the diagnostics of a big document small: the rule link is a fifth of
/// each one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DiagnosticShape {
    /// `codeDescription`: the link to the rule's documentation.
    pub(crate) rule_links: bool,
    /// `relatedInformation`: the other place a finding involves.
    pub(crate) related_information: bool,
}

impl DiagnosticShape {
    /// Every optional property.
    pub(crate) const FULL: DiagnosticShape = DiagnosticShape {
        rule_links: true,
        related_information: true,
    };
}

/// What kind of change a fix makes; decides how its code action is presented.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FixKind {
    /// A mechanical clarification that keeps the author's meaning: the preferred quick fix.
    Safe,
    /// A rewrite the author should read before taking it.
    Suggestion,
    /// Inserts a suppression comment above the line.
    Disable,
    /// Declares the whole description a combined role.
    DeclareCombined,
}

/// One fix of a diagnostic, with edits in the positions of the checked text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FixData {
    pub(crate) title: String,
    pub(crate) kind: FixKind,
    pub(crate) edits: Vec<TextEdit>,
}

fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

fn to_text_edit(edit: &Edit, converter: &Converter) -> TextEdit {
    TextEdit::new(converter.range(&edit.range), edit.replacement.clone())
}

/// The rule documentation links of one batch of diagnostics, each parsed once.
#[derive(Default)]
struct RuleLinks {
    parsed: HashMap<String, Option<CodeDescription>>,
}

impl RuleLinks {
    fn of(&mut self, rule: &str) -> Option<CodeDescription> {
        if let Some(link) = self.parsed.get(rule) {
            return link.clone();
        }
        let link = Uri::from_str(&rule_doc_url(rule))
            .ok()
            .map(|href| CodeDescription { href });
        self.parsed.insert(rule.to_string(), link.clone());
        link
    }
}

fn suggestion_fix(suggestion: &Suggestion, converter: &Converter) -> FixData {
    FixData {
        title: suggestion.title.to_string(),
        kind: if suggestion.safe {
            FixKind::Safe
        } else {
            FixKind::Suggestion
        },
        edits: suggestion
            .edits
            .iter()
            .map(|edit| to_text_edit(edit, converter))
            .collect(),
    }
}

/// A finding's fixes in the order they are offered: its suggestions with edits, then (unless
/// it is only information) disabling the rule for the line and declaring a combined role.
fn finding_fixes(
    finding: &Finding,
    converter: &Converter,
    declaration: Option<&FixData>,
) -> Vec<FixData> {
    let mut fixes: Vec<FixData> = finding
        .suggestions
        .iter()
        .filter(|suggestion| !suggestion.edits.is_empty())
        .map(|suggestion| suggestion_fix(suggestion, converter))
        .collect();
    if finding.severity > Severity::Info {
        fixes.push(disable_fix(finding, converter));
        if let Some(declaration) = declaration.filter(|declaration| {
            mixes_roles(finding.class) && !fixes.iter().any(|fix| fix.edits == declaration.edits)
        }) {
            fixes.push(declaration.clone());
        }
    }
    fixes
}

fn finding_diagnostic(
    finding: &Finding,
    converter: &Converter,
    uri: &Uri,
    shape: DiagnosticShape,
    rule_links: &mut RuleLinks,
) -> Diagnostic {
    let related: Vec<DiagnosticRelatedInformation> = finding
        .related
        .iter()
        .filter(|_| shape.related_information)
        .map(|related| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), converter.range(&related.range)),
            message: related.message.to_string(),
        })
        .collect();
    Diagnostic {
        range: converter.range(&finding.range),
        severity: Some(severity(finding.severity)),
        code: Some(NumberOrString::String(finding.rule.to_string())),
        code_description: shape
            .rule_links
            .then(|| rule_links.of(&finding.rule))
            .flatten(),
        source: Some(SOURCE.to_string()),
        message: finding.message.to_string(),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

/// A suppression comment that hides nothing.
fn unused_suppression_diagnostic(unused: &UnusedSuppression, converter: &Converter) -> Diagnostic {
    Diagnostic {
        range: converter.range(&unused.range),
        severity: Some(severity(unused.severity)),
        code: Some(NumberOrString::String(UNUSED_SUPPRESSION_RULE.to_string())),
        code_description: None,
        source: Some(SOURCE.to_string()),
        message: unused.message.clone(),
        related_information: None,
        tags: Some(vec![DiagnosticTag::UNNECESSARY]),
        data: None,
    }
}

/// Removing an unused suppression comment is its one fix.
fn unused_suppression_fixes(unused: &UnusedSuppression, converter: &Converter) -> Vec<FixData> {
    (!unused.suggestion.edits.is_empty())
        .then(|| suggestion_fix(&unused.suggestion, converter))
        .into_iter()
        .collect()
}

#[derive(Serialize)]
struct WireParams<'a, D> {
    uri: &'a Uri,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<i32>,
    diagnostics: D,
}

#[derive(Serialize)]
struct WireNotification<'a, D> {
    jsonrpc: &'static str,
    method: &'static str,
    params: WireParams<'a, D>,
}

/// How many diagnostics a part of a publish frame holds at least: below twice this, a frame
/// is serialised in one part on the calling thread.
const DIAGNOSTICS_PER_PART: usize = 2048;

/// A check's diagnostics as JSON, borrowing every string from the findings.
struct WireDiagnostics<'a> {
    checked: &'a CheckedDocument,
    uri: &'a Uri,
    shape: DiagnosticShape,
    /// Each rule's documentation link, when the client shows links.
    links: &'a HashMap<&'a str, Option<String>>,
}

/// Each rule's link once; an unparsable one is left out, as `RuleLinks` does.
fn rule_links(findings: &[Finding], shape: DiagnosticShape) -> HashMap<&str, Option<String>> {
    let mut links: HashMap<&str, Option<String>> = HashMap::new();
    if shape.rule_links {
        for finding in findings {
            links.entry(&*finding.rule).or_insert_with(|| {
                let url = rule_doc_url(&finding.rule);
                Uri::from_str(&url).is_ok().then_some(url)
            });
        }
    }
    links
}

/// A range as JSON: `{"start":{"line":…,"character":…},"end":{…}}`.
fn write_range(json: &mut Vec<u8>, cursor: &mut PositionCursor, bytes: &std::ops::Range<usize>) {
    let start = cursor.position(bytes.start);
    let end = cursor.position(bytes.end);
    json.extend_from_slice(b"{\"start\":{\"line\":");
    write_number(json, start.line);
    json.extend_from_slice(b",\"character\":");
    write_number(json, start.column);
    json.extend_from_slice(b"},\"end\":{\"line\":");
    write_number(json, end.line);
    json.extend_from_slice(b",\"character\":");
    write_number(json, end.column);
    json.extend_from_slice(b"}}");
}

/// A number in decimal, as JSON writes it.
fn write_number(json: &mut Vec<u8>, mut number: u32) {
    let mut digits = [0u8; 10];
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (number % 10) as u8;
        number /= 10;
        if number == 0 {
            break;
        }
    }
    json.extend_from_slice(&digits[start..]);
}

/// The protocol's number for a severity, as `DiagnosticSeverity` serialises.
fn severity_number(level: Severity) -> u32 {
    match level {
        Severity::Error => 1,
        Severity::Warning => 2,
        Severity::Info => 3,
    }
}

/// A string as a JSON string literal.
fn json_string(text: &str) -> Vec<u8> {
    let mut json = Vec::with_capacity(text.len() + 2);
    write_json_string(&mut json, text);
    json
}

/// Writes a string as a JSON string literal: copied as it is when nothing in it needs an
/// escape (the usual case), escaped by serde_json otherwise.
fn write_json_string(json: &mut Vec<u8>, text: &str) {
    // Without a short cut, so the check runs over whole words at a time.
    let needs_escape = text.bytes().fold(false, |found, byte| {
        found | (byte < 0x20) | (byte == b'"') | (byte == b'\\')
    });
    if needs_escape {
        // Writing to a Vec cannot fail.
        let _ = serde_json::to_writer(&mut *json, text);
    } else {
        json.push(b'"');
        json.extend_from_slice(text.as_bytes());
        json.push(b'"');
    }
}

/// Bytes of JSON per diagnostic, to size a part's buffer once.
const BYTES_PER_DIAGNOSTIC: usize = 512;

impl WireDiagnostics<'_> {
    /// The diagnostics of some findings, comma-separated, without brackets: the JSON that
    /// `WireDiagnostic` serialises to, written straight into one buffer. The fixed parts are
    /// copied, each rule's code and link and the document's URI are escaped once, and
    /// positions are converted with one cursor: findings come in text order, so it mostly
    /// steps forward.
    fn findings_json(&self, findings: &[Finding]) -> Vec<u8> {
        let checked = self.checked;
        let mut cursor = checked.converter().cursor();
        let uri = json_string(self.uri.as_str());
        // Each rule's `"code":…` with its `"codeDescription"` when the client shows links.
        let mut code_parts: HashMap<&str, Vec<u8>> = HashMap::new();
        let mut json = Vec::with_capacity(findings.len() * BYTES_PER_DIAGNOSTIC);
        for (index, finding) in findings.iter().enumerate() {
            if index > 0 {
                json.push(b',');
            }
            json.extend_from_slice(b"{\"range\":");
            write_range(&mut json, &mut cursor, &finding.range);
            json.extend_from_slice(b",\"severity\":");
            write_number(&mut json, severity_number(finding.severity));
            let code = code_parts.entry(&finding.rule).or_insert_with(|| {
                let mut part = b",\"code\":".to_vec();
                part.extend_from_slice(&json_string(&finding.rule));
                if let Some(href) = self.links.get(&*finding.rule).and_then(Option::as_deref) {
                    part.extend_from_slice(b",\"codeDescription\":{\"href\":");
                    part.extend_from_slice(&json_string(href));
                    part.push(b'}');
                }
                part
            });
            json.extend_from_slice(code);
            json.extend_from_slice(b",\"source\":");
            write_json_string(&mut json, SOURCE);
            json.extend_from_slice(b",\"message\":");
            write_json_string(&mut json, &finding.message);
            if self.shape.related_information && !finding.related.is_empty() {
                json.extend_from_slice(b",\"relatedInformation\":[");
                for (index, related) in finding.related.iter().enumerate() {
                    if index > 0 {
                        json.push(b',');
                    }
                    json.extend_from_slice(b"{\"location\":{\"uri\":");
                    json.extend_from_slice(&uri);
                    json.extend_from_slice(b",\"range\":");
                    write_range(&mut json, &mut cursor, &related.range);
                    json.extend_from_slice(b"},\"message\":");
                    write_json_string(&mut json, &related.message);
                    json.push(b'}');
                }
                json.push(b']');
            }
            json.push(b'}');
        }
        json
    }

    /// The diagnostics of the suppression comments that hide nothing, comma-separated.
    fn unused_suppressions_json(&self) -> Vec<u8> {
        let converter = self.checked.converter();
        let mut json = Vec::new();
        for (index, unused) in self.checked.unused_suppressions.iter().enumerate() {
            let diagnostic = WireDiagnostic {
                range: converter.range(&unused.range),
                severity: severity(unused.severity),
                code: UNUSED_SUPPRESSION_RULE,
                code_description: None,
                source: SOURCE,
                message: &unused.message,
                related_information: Vec::new(),
                tags: Some([DiagnosticTag::UNNECESSARY]),
            };
            if index > 0 {
                json.push(b',');
            }
            let _ = serde_json::to_writer(&mut json, &diagnostic);
        }
        json
    }
}

/// One diagnostic in the shape `Diagnostic` serialises to, with borrowed strings.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct WireDiagnostic<'a> {
    range: Range,
    severity: DiagnosticSeverity,
    code: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    code_description: Option<WireLink<'a>>,
    source: &'static str,
    message: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_information: Vec<WireRelated<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tags: Option<[DiagnosticTag; 1]>,
}

#[derive(Serialize)]
struct WireLink<'a> {
    href: &'a str,
}

#[derive(Serialize)]
struct WireRelated<'a> {
    location: WireLocation<'a>,
    message: &'a str,
}

#[derive(Serialize)]
struct WireLocation<'a> {
    uri: &'a Uri,
    range: Range,
}

/// A message with its `Content-Length` header.
fn frame(message: &impl Serialize) -> OutgoingFrame {
    let body = serde_json::to_vec(message).unwrap_or_default();
    let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    frame.extend_from_slice(&body);
    OutgoingFrame::from(frame)
}

/// The diagnostics of a broken config or rule file (none: clear them), for files on disk.
pub(crate) fn problems_frame(path: &str, problems: &[&Problem]) -> Option<OutgoingFrame> {
    let path = std::path::Path::new(path);
    if !path.is_absolute() {
        return None;
    }
    let uri = Uri::from_file_path(path)?;
    let diagnostics: Vec<Diagnostic> = problems
        .iter()
        .map(|problem| {
            let line = problem.line.saturating_sub(1) as u32;
            let column = problem.column.saturating_sub(1) as u32;
            Diagnostic {
                range: Range::new(
                    tower_lsp_server::ls_types::Position::new(line, column),
                    tower_lsp_server::ls_types::Position::new(line, column + 1),
                ),
                severity: Some(DiagnosticSeverity::ERROR),
                source: Some(SOURCE.to_string()),
                message: problem.message.clone(),
                ..Diagnostic::default()
            }
        })
        .collect();
    Some(publish_frame(&uri, None, &diagnostics))
}

/// A framed `textDocument/publishDiagnostics` notification, serialised in one pass.
pub(crate) fn publish_frame(
    uri: &Uri,
    version: Option<i32>,
    diagnostics: &[Diagnostic],
) -> OutgoingFrame {
    frame(&WireNotification {
        jsonrpc: "2.0",
        method: "textDocument/publishDiagnostics",
        params: WireParams {
            uri,
            version,
            diagnostics,
        },
    })
}

/// Classes where the description mixes the two roles, so declaring it combined is an answer.
fn mixes_roles(class: FindingClass) -> bool {
    matches!(
        class,
        FindingClass::CrossRole
            | FindingClass::HorizonMismatch
            | FindingClass::MetricMismatch
            | FindingClass::StakeholderMismatch
            | FindingClass::CombinedRole
    )
}

/// Inserts `<!-- rolelint-disable-next-line RULE -->` on its own line above the finding's
/// first line, with the same indentation and line ending.
fn disable_fix(finding: &Finding, converter: &Converter) -> FixData {
    let text = converter.text;
    let line_start = converter.line_start(finding.range.start);
    let indentation: String = text[line_start..]
        .chars()
        .take_while(|character| *character == ' ' || *character == '\t')
        .collect();
    let line_end = text[line_start..]
        .find('\n')
        .map_or(text.len(), |newline| line_start + newline);
    let line_ending =
        if text[..line_end].ends_with('\r') || (line_end == text.len() && text.contains("\r\n")) {
            "\r\n"
        } else {
            "\n"
        };
    let at = converter.position(line_start);
    FixData {
        title: format!("Disable {} for this line", finding.rule),
        kind: FixKind::Disable,
        edits: vec![TextEdit::new(
            Range::new(at, at),
            format!(
                "{indentation}<!-- rolelint-disable-next-line {} -->{line_ending}",
                finding.rule
            ),
        )],
    }
}

/// The edit that declares a single-role description combined: a sentence after its title
/// that the engine recognises as a declaration. None when the document has no single role or
/// already declares it.
fn declare_combined_fix(analysis: &Analysis, converter: &Converter) -> Option<FixData> {
    let role = analysis.document_role?;
    let declared = analysis.findings.iter().any(|finding| {
        finding.class == FindingClass::CombinedRole && finding.severity == Severity::Info
    });
    if declared {
        return None;
    }
    let edit = declaration_edit(converter.text, analysis.title.as_ref(), role);
    Some(FixData {
        title: format!(
            "Declare this a combined {} and {} role",
            role.title(),
            role.other().title()
        ),
        kind: FixKind::DeclareCombined,
        edits: vec![to_text_edit(&edit, converter)],
    })
}

fn declaration_edit(text: &str, title: Option<&std::ops::Range<usize>>, role: Role) -> Edit {
    let sentence = format!(
        "This role also acts as {}: it owns both sets of responsibilities listed below.",
        role.other().title()
    );
    let line_ending = if text.contains("\r\n") { "\r\n" } else { "\n" };
    match title {
        Some(title) => {
            let at = text[title.end..]
                .find('\n')
                .map_or(text.len(), |newline| title.end + newline);
            let at = if text[..at].ends_with('\r') {
                at - 1
            } else {
                at
            };
            Edit {
                range: at..at,
                replacement: format!("{line_ending}{line_ending}{sentence}"),
            }
        }
        None => Edit {
            range: 0..0,
            replacement: format!("{sentence}{line_ending}{line_ending}"),
        },
    }
}

/// The declaration edit for a whole document (for the command of the same name).
pub(crate) fn declare_combined_edit(checked: &CheckedDocument) -> Option<TextEdit> {
    declare_combined_fix(&checked.analysis, &checked.converter())
        .and_then(|fix| fix.edits.into_iter().next())
}

/// The quick fixes for the diagnostics the client sent, from a check of the document's current
/// text, in the order the fixes are listed.
pub(crate) fn quick_fixes(
    checked: &CheckedDocument,
    diagnostics: &[Diagnostic],
    make_edit: &dyn Fn(Vec<TextEdit>) -> tower_lsp_server::ls_types::WorkspaceEdit,
) -> Vec<CodeAction> {
    let mut actions: Vec<CodeAction> = Vec::new();
    for diagnostic in diagnostics {
        for fix in checked.fixes_for(diagnostic) {
            let duplicate = actions
                .iter_mut()
                .find(|action| action.title == fix.title && fix.kind == FixKind::DeclareCombined);
            if let Some(action) = duplicate {
                if let Some(listed) = action.diagnostics.as_mut() {
                    listed.push(diagnostic.clone());
                }
                continue;
            }
            actions.push(CodeAction {
                title: fix.title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostic.clone()]),
                edit: Some(make_edit(fix.edits)),
                command: None,
                is_preferred: Some(fix.kind == FixKind::Safe),
                disabled: None,
                data: None,
            });
        }
    }
    actions
}

/// The first safe fix of every finding, applied together (overlaps skipped), as one edit of
/// the changed stretch of text. None if nothing changes.
pub(crate) fn fix_all_edit(checked: &CheckedDocument) -> Option<TextEdit> {
    let edits: Vec<Edit> = checked
        .analysis
        .findings
        .iter()
        .filter_map(|finding| {
            finding
                .suggestions
                .iter()
                .find(|suggestion| suggestion.safe && !suggestion.edits.is_empty())
        })
        .flat_map(|suggestion| suggestion.edits.iter().cloned())
        .collect();
    if edits.is_empty() {
        return None;
    }
    let (fixed, applied) = apply_edits(&checked.text, &edits);
    if applied == 0 || fixed == *checked.text {
        return None;
    }
    Some(minimal_edit(&checked.text, &fixed, &checked.converter()))
}

/// One edit that turns `old` into `new`: the stretch between their common prefix and suffix.
fn minimal_edit(old: &str, new: &str, converter: &Converter) -> TextEdit {
    let mut prefix = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(left, right)| left == right)
        .count();
    while !old.is_char_boundary(prefix) || !new.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let mut suffix = old[prefix..]
        .bytes()
        .rev()
        .zip(new[prefix..].bytes().rev())
        .take_while(|(left, right)| left == right)
        .count();
    while !old.is_char_boundary(old.len() - suffix) || !new.is_char_boundary(new.len() - suffix) {
        suffix -= 1;
    }
    TextEdit::new(
        converter.range(&(prefix..old.len() - suffix)),
        new[prefix..new.len() - suffix].to_string(),
    )
}

/// Hover: the explanation of the rules flagged at the offset, or what the text gives the role
/// whose heading or title is under it.
pub(crate) fn hover(checked: &CheckedDocument, offset: usize) -> Option<Hover> {
    let settings = &checked.settings;
    let converter = checked.converter();
    let flagged: Vec<&Finding> = checked
        .analysis
        .findings
        .iter()
        .filter(|finding| {
            (finding.range.start <= offset && offset < finding.range.end)
                || (finding.range.is_empty() && finding.range.start == offset)
        })
        .collect();
    if let Some(first) = flagged.first() {
        let mut parts = Vec::new();
        let mut seen = Vec::new();
        for finding in &flagged {
            if seen.contains(&finding.rule) {
                continue;
            }
            seen.push(finding.rule.clone());
            parts.push(explain_finding(finding, settings));
        }
        let range = first.range.clone();
        return Some(markdown_hover(
            parts.join("\n\n---\n\n"),
            Some(converter.range(&range)),
        ));
    }
    role_hover(checked, offset)
}

fn explain_finding(finding: &Finding, settings: &CheckSettings) -> String {
    let mut text = format!(
        "**{}** ({})\n\n{}",
        finding.rule, finding.severity, finding.message
    );
    if let Some(rule) = settings.rule(&finding.rule) {
        text.push_str(&format!(
            "\n\n*{}*\n\nWhy it matters: {}",
            rule.summary,
            rule.rationale
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        ));
    }
    let advice: Vec<&str> = finding
        .suggestions
        .iter()
        .filter(|suggestion| suggestion.edits.is_empty())
        .map(|suggestion| &*suggestion.title)
        .collect();
    if !advice.is_empty() {
        text.push_str("\n\nAlso consider:");
        for line in advice {
            text.push_str(&format!("\n- {line}"));
        }
    }
    text.push_str(&format!(
        "\n\n[Rule documentation]({})",
        rule_doc_url(&finding.rule)
    ));
    text
}

fn role_hover(checked: &CheckedDocument, offset: usize) -> Option<Hover> {
    let analysis = &checked.analysis;
    let on_title = analysis
        .title
        .as_ref()
        .is_some_and(|title| title.start <= offset && offset <= title.end);
    let (role, heading, scope) = if on_title && analysis.document_role.is_some() {
        let title = analysis.title.clone()?;
        (analysis.document_role?, title, 0..checked.text.len())
    } else {
        let section = analysis
            .sections
            .iter()
            .filter(|section| section.heading.start <= offset && offset <= section.heading.end)
            .find(|section| section.role.is_some())?;
        (
            section.role?,
            section.heading.clone(),
            section.range.clone(),
        )
    };
    let mut responsibilities: Vec<(String, Owner, usize)> = Vec::new();
    for claim in analysis.claims.iter().filter(|claim| {
        claim.role == role && claim.range.start >= scope.start && claim.range.end <= scope.end
    }) {
        match responsibilities
            .iter_mut()
            .find(|(name, _, _)| **name == *claim.responsibility)
        {
            Some(entry) => entry.2 += 1,
            None => responsibilities.push((claim.responsibility.to_string(), claim.owner, 1)),
        }
    }
    let mut text = format!(
        "**{}**: responsibilities this text gives the role\n",
        role.title()
    );
    if responsibilities.is_empty() {
        text.push_str("\nNone recognised yet.");
    }
    for (name, owner, count) in responsibilities {
        let owner_note = match owner {
            Owner::Shared => " (shared: say at which level)".to_string(),
            Owner::Pm if role == Role::Pm => String::new(),
            Owner::Po if role == Role::Po => String::new(),
            Owner::Pm => " (owned by the Product Manager)".to_string(),
            Owner::Po => " (owned by the Product Owner)".to_string(),
        };
        let times = if count > 1 {
            format!(" ×{count}")
        } else {
            String::new()
        };
        text.push_str(&format!("\n- {name}{owner_note}{times}"));
    }
    Some(markdown_hover(
        text,
        Some(checked.converter().range(&heading)),
    ))
}

fn markdown_hover(value: String, range: Option<Range>) -> Hover {
    Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range,
    }
}

/// The outline: every heading, nested by level; role headings show their role.
pub(crate) fn document_symbols(checked: &CheckedDocument) -> Vec<DocumentSymbol> {
    let converter = checked.converter();
    let mut index = 0;
    nest_symbols(checked, &converter, &mut index, 0)
}

fn nest_symbols(
    checked: &CheckedDocument,
    converter: &Converter,
    index: &mut usize,
    parent_level: u8,
) -> Vec<DocumentSymbol> {
    let sections = &checked.analysis.sections;
    let mut symbols = Vec::new();
    while let Some(section) = sections.get(*index) {
        if section.level <= parent_level {
            break;
        }
        *index += 1;
        let children = nest_symbols(checked, converter, index, section.level);
        let name = checked.text[section.heading.clone()]
            .trim()
            .trim_start_matches('#')
            .trim()
            .to_string();
        #[allow(deprecated)]
        symbols.push(DocumentSymbol {
            name: if name.is_empty() {
                "(untitled)".to_string()
            } else {
                name
            },
            detail: section.role.map(|role| role.title().to_string()),
            kind: if section.role.is_some() {
                SymbolKind::CLASS
            } else {
                SymbolKind::NAMESPACE
            },
            tags: None,
            deprecated: None,
            range: converter.range(&section.range),
            selection_range: converter.range(&section.heading),
            children: (!children.is_empty()).then_some(children),
        });
    }
    symbols
}

/// The role balance of a document: how many claims each owner has, "PM 7 · PO 3 · shared 2".
pub(crate) fn role_balance(analysis: &Analysis) -> String {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for claim in &analysis.claims {
        let key = match claim.owner {
            Owner::Pm => "PM",
            Owner::Po => "PO",
            Owner::Shared => "shared",
        };
        *counts.entry(key).or_default() += 1;
    }
    let count = |key: &str| counts.get(key).copied().unwrap_or(0);
    format!(
        "PM {} · PO {} · shared {}",
        count("PM"),
        count("PO"),
        count("shared")
    )
}

/// The role balance lens, on the title (or the first line when there is none).
pub(crate) fn code_lens(checked: &CheckedDocument, uri: &Uri) -> CodeLens {
    let range = checked.analysis.title.clone().unwrap_or(0..0);
    let balance = role_balance(&checked.analysis);
    CodeLens {
        range: checked.converter().range(&range),
        command: Some(Command {
            title: balance,
            command: COMMAND_SHOW_BALANCE.to_string(),
            arguments: Some(vec![serde_json::json!(uri.as_str())]),
        }),
        data: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lsp::convert::Encoding;

    fn checked(text: &str) -> CheckedDocument {
        let text = Arc::new(text.to_string());
        CheckedDocument::check(
            CheckInput {
                revision: 1,
                version: 3,
                lines: Arc::new(LineMap::new(&text)),
                text,
                format: DocumentFormat::Markdown,
                encoding: Encoding::Utf16,
            },
            CheckSettings::defaults(),
        )
    }

    /// The publish frame, written straight from the findings, says exactly what the typed
    /// diagnostics (sent to pulling clients) say, in every shape.
    #[test]
    fn published_diagnostics_equal_the_typed_ones() {
        let checked = checked(
            "# Team charter\n\n## Product Manager\n\n- Own the product roadmap.\n\n## Product Owner\n\n- Own the product roadmap “now” 😀.\n- Schedule releases.\n<!-- rolelint-disable-next-line po-owns-vision -->\n- Own the product backlog.\n",
        );
        let uri = Uri::from_str("file:///charter.md").expect("uri");
        for rule_links in [false, true] {
            for related_information in [false, true] {
                let shape = DiagnosticShape {
                    rule_links,
                    related_information,
                };
                let frame = checked.publish_frame(&uri, shape);
                let text = String::from_utf8(frame.to_bytes()).expect("utf-8");
                let (header, body) = text.split_once("\r\n\r\n").expect("header");
                assert_eq!(header, format!("Content-Length: {}", body.len()));
                let published: serde_json::Value = serde_json::from_str(body).expect("json");
                assert_eq!(published["method"], "textDocument/publishDiagnostics");
                assert_eq!(published["params"]["version"], 3);
                let typed = serde_json::to_value(checked.diagnostics(&uri, shape)).expect("json");
                assert_eq!(published["params"]["diagnostics"], typed, "{shape:?}");
                let diagnostics = typed.as_array().expect("array");
                assert!(
                    diagnostics
                        .iter()
                        .any(|d| d["code"] == UNUSED_SUPPRESSION_RULE)
                );
                assert_eq!(
                    diagnostics
                        .iter()
                        .any(|d| d.get("relatedInformation").is_some()),
                    related_information
                );
                assert_eq!(
                    diagnostics
                        .iter()
                        .any(|d| d.get("codeDescription").is_some()),
                    rule_links
                );
            }
        }
    }

    /// A big check's frame, serialised in parts side by side, is byte for byte the frame
    /// serialised in one part, and its diagnostics are the typed ones: positions converted
    /// with one cursor over the findings match the converter's, in both encodings, across
    /// CRLF lines with é, curly quotes and emoji.
    #[test]
    fn a_frame_in_parts_equals_the_frame_in_one_part() {
        let section = "## Product Owner\r\n\r\n- Own the product roadmap “now” 😀 é.\r\n- Schedule releases.\r\n\r\n## Product Manager\r\n\r\n- 😀😀 Own the product roadmap.\r\n- Own the product backlog “today”.\r\n\r\n";
        let text = format!("# Team charter\r\n\r\n{}", section.repeat(12));
        let uri = Uri::from_str("file:///charter%20parts.md").expect("uri");
        for encoding in [Encoding::Utf8, Encoding::Utf16] {
            let shared = Arc::new(text.clone());
            let checked = CheckedDocument::check(
                CheckInput {
                    revision: 1,
                    version: 9,
                    lines: Arc::new(LineMap::new(&shared)),
                    text: shared,
                    format: DocumentFormat::Markdown,
                    encoding,
                },
                CheckSettings::defaults(),
            );
            let findings = checked.analysis.findings.len();
            assert!(findings >= 24, "{findings} findings");
            assert!(
                checked
                    .analysis
                    .findings
                    .iter()
                    .any(|f| !f.related.is_empty()),
                "some findings point at a second place"
            );
            let shape = DiagnosticShape::FULL;
            let whole = checked
                .publish_frame_in_parts(&uri, shape, usize::MAX)
                .to_bytes();
            for per_part in [1, 2, 3, 7, findings / 2] {
                let parts = checked.publish_frame_in_parts(&uri, shape, per_part);
                assert!(parts.piece_count() > 3, "split into parts");
                assert_eq!(parts.to_bytes(), whole, "{encoding:?} {per_part} per part");
            }
            let text = String::from_utf8(whole).expect("utf-8");
            let (header, body) = text.split_once("\r\n\r\n").expect("header");
            assert_eq!(header, format!("Content-Length: {}", body.len()));
            let published: serde_json::Value = serde_json::from_str(body).expect("json");
            let typed = serde_json::to_value(checked.diagnostics(&uri, shape)).expect("json");
            assert_eq!(published["params"]["diagnostics"], typed, "{encoding:?}");
        }
    }

    /// Strings and numbers written straight into a frame read back as what serde_json writes.
    #[test]
    fn strings_and_numbers_are_written_as_serde_json_writes_them() {
        let strings = [
            "",
            "plain",
            "a \"quoted\" word",
            "back\\slash",
            "tab\tnew\nline\rreturn",
            "\u{0}\u{1f} control, \u{7f} delete",
            "é “curly” 😀 – \u{a0} \u{2028}",
        ];
        for text in strings {
            assert_eq!(
                json_string(text),
                serde_json::to_vec(text).unwrap(),
                "{text:?}"
            );
        }
        for number in [0, 7, 9, 10, 99, 100, 65_535, 1_000_000, u32::MAX] {
            let mut json = Vec::new();
            write_number(&mut json, number);
            assert_eq!(json, number.to_string().into_bytes());
        }
        for level in [Severity::Error, Severity::Warning, Severity::Info] {
            assert_eq!(
                serde_json::to_value(severity(level)).unwrap(),
                severity_number(level)
            );
        }
    }
}

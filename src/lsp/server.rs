//! The protocol handlers. Each converts its request, reads or changes the session state and
//! converts the answer back; the work itself is in `features` and the engine.
//!
//! Ordering: the framework polls each incoming message's handler for the first time in the
//! order the client sent them. Every handler that changes a document does so synchronously,
//! under a plain mutex, before its first `.await`, so document state always follows the
//! client's order. Checks run on blocking threads; a finished check is kept and published only
//! if its document has not changed since, and publishes go out through one queue in the order
//! they were decided.

use super::configuration::{Configurations, EditorSettings, Problem};
use super::convert::{Converter, Encoding};
use super::documents::OpenDocument;
use super::features::{
    self, COMMAND_DECLARE_COMBINED, COMMAND_FIX_ALL, COMMAND_SHOW_BALANCE, CheckInput,
    CheckedDocument, DiagnosticShape, FIX_ALL_KIND,
};
use super::settings::CheckSettings;
use super::transport::{OutgoingFrame, ParkedOpenTicket, ParkedOpens};
use crate::engine::DocumentFormat;
use std::collections::HashMap;
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, RwLock};
use tokio::sync::{Notify, mpsc};
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

/// What the client told us at initialisation.
#[derive(Debug, Clone, Copy)]
struct ClientOptions {
    encoding: Encoding,
    /// The client pulls diagnostics (`textDocument/diagnostic`), so none are pushed.
    pull_diagnostics: bool,
    /// Workspace edits may carry the document version they were made for.
    versioned_edits: bool,
    /// The client answers `workspace/configuration`.
    configuration_requests: bool,
    /// The client lets the server register file watchers.
    watch_registration: bool,
    /// The optional diagnostic properties the client supports.
    diagnostic_shape: DiagnosticShape,
}

impl Default for ClientOptions {
    fn default() -> Self {
        ClientOptions {
            encoding: Encoding::Utf16,
            pull_diagnostics: false,
            versioned_edits: false,
            configuration_requests: false,
            watch_registration: false,
            diagnostic_shape: DiagnosticShape::FULL,
        }
    }
}

/// The language server's state, shared by every handler and check worker.
pub(crate) struct Session {
    client: Client,
    documents: Mutex<HashMap<Uri, OpenDocument>>,
    configurations: Mutex<Configurations>,
    /// Config and rule file problems already shown, so each is shown once per load.
    reported_problems: Mutex<HashSet<Problem>>,
    options: RwLock<ClientOptions>,
    revisions: AtomicU64,
    /// Woken whenever a check finishes, for requests that wait for the current one.
    check_finished: Notify,
    /// Frames written straight to the client's output, in the order they are queued: the
    /// diagnostics are serialised once, off the async threads, and queued under the documents
    /// lock, so publishes leave in the order they were decided.
    outbound: mpsc::UnboundedSender<OutgoingFrame>,
    shutdown_requested: Arc<AtomicBool>,
    /// Opens parsed by the transport guard, claimed by `rolelint/parkedOpen`.
    parked_opens: ParkedOpens,
}

/// A short role description that touches the common rule kinds, checked once at start-up.
const WARM_UP_SAMPLE: &str = "# Product Owner, Payments\n\n\
About the role: you join a cross-functional team of engineers and designers.\n\n\
## Responsibilities\n\n\
- Own the product backlog and order it with the team every sprint.\n\
- Define the long-term vision and the roadmap for next year.\n\
- Report velocity to leadership and schedule the releases.\n\
- Work with the Product Manager on market research.\n";

/// The handler object given to the framework.
pub(crate) struct Backend {
    session: Arc<Session>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Backend {
    /// Creates the server; `outbound` takes frames for the client's output. Must run inside a
    /// tokio runtime.
    pub(crate) fn new(
        client: Client,
        outbound: mpsc::UnboundedSender<OutgoingFrame>,
        shutdown_requested: Arc<AtomicBool>,
        parked_opens: ParkedOpens,
    ) -> Backend {
        Backend {
            session: Arc::new(Session {
                client,
                documents: Mutex::new(HashMap::new()),
                configurations: Mutex::new(Configurations::new(
                    std::env::current_dir().unwrap_or_default(),
                    EditorSettings::default(),
                )),
                reported_problems: Mutex::new(HashSet::new()),
                options: RwLock::new(ClientOptions::default()),
                revisions: AtomicU64::new(0),
                check_finished: Notify::new(),
                outbound,
                shutdown_requested,
                parked_opens,
            }),
        }
    }

    /// `rolelint/parkedOpen`: a `didOpen` the transport guard parsed, taking its turn.
    pub(crate) async fn parked_open(&self, params: ParkedOpenTicket) {
        match self.session.parked_opens.take(params.ticket) {
            Some(open) => self.did_open(open).await,
            None => self.session.log(
                MessageType::ERROR,
                format!(
                    "lost the text of an opened document (ticket {})",
                    params.ticket
                ),
            ),
        }
    }
}

impl Session {
    fn next_revision(&self) -> u64 {
        self.revisions.fetch_add(1, Ordering::Relaxed) + 1
    }

    fn options(&self) -> ClientOptions {
        *self.options.read().unwrap_or_else(PoisonError::into_inner)
    }

    /// Logs to stderr and, without waiting, to the client's log.
    fn log(&self, level: MessageType, message: String) {
        eprintln!("rolelint server: {message}");
        let client = self.client.clone();
        tokio::spawn(async move { client.log_message(level, message).await });
    }

    /// Makes sure the document's current text gets checked: starts its worker, or tells the
    /// running worker to check again when it is done.
    fn request_check(self: &Arc<Self>, uri: &Uri) {
        let mut documents = lock(&self.documents);
        let Some(document) = documents.get_mut(uri) else {
            return;
        };
        if document.worker_running {
            document.recheck_wanted = true;
            return;
        }
        document.worker_running = true;
        let epoch = document.opened_at;
        drop(documents);
        let session = Arc::clone(self);
        let uri = uri.clone();
        tokio::spawn(async move { session.check_worker(uri, epoch).await });
    }

    /// Checks a document until its latest text has been checked. One worker per open
    /// document, so its results are decided in order; results for text that changed while it
    /// was being checked are dropped.
    async fn check_worker(self: Arc<Self>, uri: Uri, epoch: u64) {
        loop {
            let input = {
                let mut documents = lock(&self.documents);
                let Some(document) = documents.get_mut(&uri).filter(|d| d.opened_at == epoch)
                else {
                    return;
                };
                document.recheck_wanted = false;
                CheckInput {
                    revision: document.revision,
                    version: document.version,
                    text: Arc::clone(&document.text),
                    lines: Arc::clone(&document.lines),
                    format: document.format,
                    encoding: self.options().encoding,
                }
            };
            let session = Arc::clone(&self);
            let pull = self.options().pull_diagnostics;
            let shape = self.options().diagnostic_shape;
            let fallback = CheckInput {
                text: Arc::clone(&input.text),
                lines: Arc::clone(&input.lines),
                ..input
            };
            let publish_uri = uri.clone();
            let done = tokio::task::spawn_blocking(move || {
                let path = publish_uri.to_file_path().map(|path| path.into_owned());
                let (config, problems) =
                    lock(&session.configurations).for_document(path.as_deref());
                let checked = CheckedDocument::check(input, CheckSettings { config });
                let frame = (!pull).then(|| checked.publish_frame(&publish_uri, shape));
                (checked, frame, problems)
            })
            .await;
            let (checked, frame) = match done {
                Ok((checked, frame, problems)) => {
                    self.report_problems(problems);
                    (checked, frame)
                }
                Err(error) => {
                    self.log(
                        MessageType::ERROR,
                        format!("checking {} failed: {error}", uri.as_str()),
                    );
                    let checked = CheckedDocument::empty(fallback);
                    let frame = (!pull).then(|| checked.publish_frame(&uri, shape));
                    (checked, frame)
                }
            };
            {
                let mut documents = lock(&self.documents);
                let Some(document) = documents.get_mut(&uri).filter(|d| d.opened_at == epoch)
                else {
                    return;
                };
                if checked.revision == document.revision {
                    if let Some(frame) = frame {
                        let _ = self.outbound.send(frame);
                    }
                    document.checked = Some(Arc::new(checked));
                }
                if !document.recheck_wanted {
                    document.worker_running = false;
                    drop(documents);
                    self.check_finished.notify_waiters();
                    return;
                }
            }
            self.check_finished.notify_waiters();
        }
    }

    /// Loads the workspace's configuration (compiling its rules) and checks a short sample
    /// with it, so that the first document's check finds the rules compiled and the engine's
    /// lazily built matchers started. Returns the problems met loading it.
    fn warm_up(&self) -> Vec<Problem> {
        let (config, problems) = {
            let mut configurations = lock(&self.configurations);
            let document = configurations.root().join("untitled.md");
            configurations.for_document(Some(&document))
        };
        CheckSettings { config }.check(WARM_UP_SAMPLE, DocumentFormat::Markdown);
        problems
    }

    /// The latest check if it is of the current text, without waiting.
    fn current_check_now(&self, uri: &Uri) -> Option<Arc<CheckedDocument>> {
        lock(&self.documents)
            .get(uri)
            .and_then(|document| document.current_check().cloned())
    }

    /// Waits until the document's current text has been checked. None if it is not open.
    async fn current_check(self: &Arc<Self>, uri: &Uri) -> Option<Arc<CheckedDocument>> {
        loop {
            let finished = self.check_finished.notified();
            tokio::pin!(finished);
            finished.as_mut().enable();
            let idle = {
                let documents = lock(&self.documents);
                let document = documents.get(uri)?;
                if let Some(checked) = document.current_check() {
                    return Some(Arc::clone(checked));
                }
                !document.worker_running
            };
            if idle {
                self.request_check(uri);
            }
            finished.await;
        }
    }

    /// A workspace edit of one document, stamped with its version when the client allows it.
    fn workspace_edit(&self, uri: &Uri, version: i32, edits: Vec<TextEdit>) -> WorkspaceEdit {
        if self.options().versioned_edits {
            WorkspaceEdit {
                document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
                    text_document: OptionalVersionedTextDocumentIdentifier {
                        uri: uri.clone(),
                        version: Some(version),
                    },
                    edits: edits.into_iter().map(OneOf::Left).collect(),
                }])),
                ..WorkspaceEdit::default()
            }
        } else {
            WorkspaceEdit {
                changes: Some(HashMap::from([(uri.clone(), edits)])),
                ..WorkspaceEdit::default()
            }
        }
    }

    /// Re-checks every open document (after a configuration change).
    fn recheck_all(self: &Arc<Self>) {
        let uris: Vec<Uri> = {
            let mut documents = lock(&self.documents);
            for document in documents.values_mut() {
                document.revision = self.next_revision();
            }
            documents.keys().cloned().collect()
        };
        for uri in uris {
            self.request_check(&uri);
        }
    }
}

impl Session {
    /// Shows config and rule file problems not shown yet: a diagnostic on the file and a
    /// message.
    fn report_problems(self: &Arc<Self>, problems: Vec<Problem>) {
        if problems.is_empty() {
            return;
        }
        let (fresh, reported): (Vec<Problem>, Vec<Problem>) = {
            let mut reported = lock(&self.reported_problems);
            let fresh: Vec<Problem> = problems
                .into_iter()
                .filter(|problem| reported.insert(problem.clone()))
                .collect();
            (fresh, reported.iter().cloned().collect())
        };
        let paths: HashSet<&str> = fresh.iter().map(|problem| problem.path.as_str()).collect();
        for path in paths {
            let of_file: Vec<&Problem> = reported.iter().filter(|p| p.path == path).collect();
            if let Some(frame) = features::problems_frame(path, &of_file) {
                let _ = self.outbound.send(frame);
            }
        }
        for problem in fresh {
            let message = format!(
                "rolelint: {}:{}:{}: {} (the last good configuration stays in use)",
                problem.path, problem.line, problem.column, problem.message
            );
            eprintln!("rolelint server: {message}");
            let client = self.client.clone();
            tokio::spawn(async move { client.show_message(MessageType::ERROR, message).await });
        }
    }

    /// Forgets shown problems (their files are loaded again), clearing their diagnostics.
    fn clear_problems(&self) {
        let reported: Vec<Problem> = lock(&self.reported_problems).drain().collect();
        let paths: HashSet<&str> = reported
            .iter()
            .map(|problem| problem.path.as_str())
            .collect();
        for path in paths {
            if let Some(frame) = features::problems_frame(path, &[]) {
                let _ = self.outbound.send(frame);
            }
        }
    }

    /// Loads the configuration again and re-checks every open document.
    fn configuration_changed(self: &Arc<Self>, settings: Option<EditorSettings>) {
        {
            let mut configurations = lock(&self.configurations);
            match settings {
                Some(settings) => configurations.set_settings(settings),
                None => configurations.reload(),
            }
        }
        self.clear_problems();
        self.recheck_all();
        if self.options().pull_diagnostics {
            let client = self.client.clone();
            tokio::spawn(async move { client.workspace_diagnostic_refresh().await });
        }
    }

    /// Asks the client for the `rolelint` settings section and applies it if it changed.
    async fn fetch_settings(self: &Arc<Self>) {
        let items = vec![ConfigurationItem {
            scope_uri: None,
            section: Some("rolelint".to_string()),
        }];
        match self.client.configuration(items).await {
            Ok(values) => {
                // A client without a `rolelint` section answers null: keep the settings in
                // use (from the initialization options or an earlier answer).
                let Some(section) = values.first().filter(|section| !section.is_null()) else {
                    return;
                };
                let settings = EditorSettings::from_json(section);
                let changed = lock(&self.configurations).settings() != &settings;
                if changed {
                    self.configuration_changed(Some(settings));
                }
            }
            Err(error) => self.log(
                MessageType::WARNING,
                format!("could not read the editor's rolelint settings: {error}"),
            ),
        }
    }
}

/// Whether a code action kind was asked for (no filter asks for every kind).
fn wants(only: Option<&Vec<CodeActionKind>>, kind: &str) -> bool {
    only.is_none_or(|kinds| {
        kinds.iter().any(|requested| {
            let requested = requested.as_str();
            kind == requested || kind.starts_with(&format!("{requested}."))
        })
    })
}

fn uri_argument(arguments: &[serde_json::Value]) -> Result<Uri> {
    arguments
        .first()
        .and_then(|value| value.as_str())
        .and_then(|text| text.parse::<Uri>().ok())
        .ok_or_else(|| Error::invalid_params("expected the document URI as the first argument"))
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let capabilities = &params.capabilities;
        let encoding = Encoding::negotiate(
            capabilities
                .general
                .as_ref()
                .and_then(|general| general.position_encodings.as_deref()),
        );
        let pull_diagnostics = capabilities
            .text_document
            .as_ref()
            .is_some_and(|text| text.diagnostic.is_some());
        // A property counts as supported when either way of receiving diagnostics says so.
        let text_capabilities = capabilities.text_document.as_ref();
        let published = text_capabilities.and_then(|text| text.publish_diagnostics.as_ref());
        let pulled = text_capabilities.and_then(|text| text.diagnostic.as_ref());
        let diagnostic_shape = DiagnosticShape {
            rule_links: published.and_then(|p| p.code_description_support) == Some(true)
                || pulled.and_then(|p| p.code_description_support) == Some(true),
            related_information: published.and_then(|p| p.related_information) == Some(true)
                || pulled.and_then(|p| p.related_information) == Some(true),
        };
        let workspace = capabilities.workspace.as_ref();
        let versioned_edits = workspace
            .and_then(|workspace| workspace.workspace_edit.as_ref())
            .and_then(|edit| edit.document_changes)
            .unwrap_or(false);
        let configuration_requests = workspace
            .and_then(|workspace| workspace.configuration)
            .unwrap_or(false);
        let watch_registration = workspace
            .and_then(|workspace| workspace.did_change_watched_files.as_ref())
            .and_then(|watched| watched.dynamic_registration)
            .unwrap_or(false);
        #[allow(deprecated)]
        let root = params
            .workspace_folders
            .as_ref()
            .and_then(|folders| folders.first())
            .map(|folder| &folder.uri)
            .or(params.root_uri.as_ref())
            .and_then(|uri| uri.to_file_path().map(|path| path.into_owned()))
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_else(|| PathBuf::from("."));
        let settings = params
            .initialization_options
            .as_ref()
            .map(EditorSettings::from_json)
            .unwrap_or_default();
        *lock(&self.session.configurations) = Configurations::new(root, settings);
        *self
            .session
            .options
            .write()
            .unwrap_or_else(PoisonError::into_inner) = ClientOptions {
            encoding,
            pull_diagnostics,
            versioned_edits,
            configuration_requests,
            watch_registration,
            diagnostic_shape,
        };
        Ok(InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(encoding.kind()),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        ..TextDocumentSyncOptions::default()
                    },
                )),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![
                            CodeActionKind::QUICKFIX,
                            CodeActionKind::new(FIX_ALL_KIND),
                        ]),
                        ..CodeActionOptions::default()
                    },
                )),
                document_symbol_provider: Some(OneOf::Left(true)),
                code_lens_provider: Some(CodeLensOptions {
                    resolve_provider: Some(false),
                }),
                execute_command_provider: Some(ExecuteCommandOptions {
                    commands: vec![
                        COMMAND_FIX_ALL.to_string(),
                        COMMAND_DECLARE_COMBINED.to_string(),
                        COMMAND_SHOW_BALANCE.to_string(),
                    ],
                    ..ExecuteCommandOptions::default()
                }),
                diagnostic_provider: pull_diagnostics.then(|| {
                    DiagnosticServerCapabilities::Options(DiagnosticOptions {
                        identifier: Some("rolelint".to_string()),
                        inter_file_dependencies: false,
                        workspace_diagnostics: false,
                        ..DiagnosticOptions::default()
                    })
                }),
                ..ServerCapabilities::default()
            },
            server_info: Some(ServerInfo {
                name: "rolelint".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        let options = self.session.options();
        self.session.log(
            MessageType::INFO,
            format!(
                "ready: positions in {}, diagnostics {}",
                options.encoding.kind().as_str(),
                if options.pull_diagnostics {
                    "pulled"
                } else {
                    "pushed"
                }
            ),
        );
        // Compile the rules while the client sends its first document.
        let session = Arc::clone(&self.session);
        tokio::spawn(async move {
            let warming = Arc::clone(&session);
            if let Ok(problems) = tokio::task::spawn_blocking(move || warming.warm_up()).await {
                session.report_problems(problems);
            }
        });
        // Requests to the client run on their own task: a handler that waited for the
        // client's answer would keep the server from exiting if that answer never came.
        let session = Arc::clone(&self.session);
        tokio::spawn(async move {
            if options.watch_registration {
                let registration = Registration {
                    id: "rolelint-configuration-files".to_string(),
                    method: "workspace/didChangeWatchedFiles".to_string(),
                    register_options: Some(serde_json::json!({
                        "watchers": [
                            { "globPattern": "**/.rolelint.toml" },
                            { "globPattern": "**/*.toml" },
                        ]
                    })),
                };
                if let Err(error) = session.client.register_capability(vec![registration]).await {
                    session.log(
                        MessageType::WARNING,
                        format!("could not watch configuration files: {error}"),
                    );
                }
            }
            if options.configuration_requests {
                session.fetch_settings().await;
            }
        });
    }

    async fn shutdown(&self) -> Result<()> {
        self.session
            .shutdown_requested
            .store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let document = params.text_document;
        let revision = self.session.next_revision();
        let path = document.uri.path().to_string();
        let open = OpenDocument::new(
            document.text,
            document.version,
            revision,
            &document.language_id,
            &path,
        );
        let replaced = lock(&self.session.documents)
            .insert(document.uri.clone(), open)
            .is_some();
        self.session.request_check(&document.uri);
        if replaced {
            self.session.log(
                MessageType::WARNING,
                format!(
                    "{} was opened again; using the new text",
                    document.uri.as_str()
                ),
            );
        }
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let version = params.text_document.version;
        let encoding = self.session.options().encoding;
        let problem = {
            let mut documents = lock(&self.session.documents);
            match documents.get_mut(&uri) {
                None => Some(format!(
                    "ignored a change to {}, which is not open",
                    uri.as_str()
                )),
                Some(document) if version <= document.version => Some(format!(
                    "ignored a change to {} with version {version}: it is at version {} and versions only move forward",
                    uri.as_str(),
                    document.version
                )),
                Some(document) => {
                    document.apply_changes(params.content_changes, encoding);
                    document.version = version;
                    document.revision = self.session.next_revision();
                    None
                }
            }
        };
        match problem {
            None => self.session.request_check(&uri),
            Some(problem) => self.session.log(MessageType::WARNING, problem),
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let given = params
            .settings
            .get("rolelint")
            .filter(|section| section.is_object());
        match given {
            Some(section) => {
                let settings = EditorSettings::from_json(section);
                self.session.configuration_changed(Some(settings));
            }
            None if self.session.options().configuration_requests => {
                let session = Arc::clone(&self.session);
                tokio::spawn(async move { session.fetch_settings().await });
            }
            None => self.session.configuration_changed(None),
        }
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let touches_configuration = params
            .changes
            .iter()
            .any(|change| change.uri.path().as_str().ends_with(".toml"));
        if touches_configuration {
            self.session.configuration_changed(None);
        }
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        // Without file watching, saving a config file in the editor is the signal to reload.
        if params.text_document.uri.path().as_str().ends_with(".toml") {
            self.session.configuration_changed(None);
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        let mut documents = lock(&self.session.documents);
        if documents.remove(&uri).is_none() {
            drop(documents);
            self.session.log(
                MessageType::WARNING,
                format!("ignored closing {}, which is not open", uri.as_str()),
            );
            return;
        }
        if !self.session.options().pull_diagnostics {
            let _ = self
                .session
                .outbound
                .send(features::publish_frame(&uri, None, &[]));
        }
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        let uri = params.text_document.uri;
        let report = match self.session.current_check(&uri).await {
            Some(checked) => {
                let result_id = checked.revision.to_string();
                if params.previous_result_id.as_deref() == Some(result_id.as_str()) {
                    DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
                        related_documents: None,
                        unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                            result_id,
                        },
                    })
                } else {
                    DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                        related_documents: None,
                        full_document_diagnostic_report: FullDocumentDiagnosticReport {
                            result_id: Some(result_id),
                            items: checked
                                .diagnostics(&uri, self.session.options().diagnostic_shape),
                        },
                    })
                }
            }
            None => DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport::default()),
        };
        Ok(DocumentDiagnosticReportResult::Report(report))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri;
        let only = params.context.only.as_ref();
        let Some((version, checked, of_text)) =
            lock(&self.session.documents).get(&uri).map(|document| {
                (
                    document.version,
                    document.current_check().cloned(),
                    document.check_of_current_text().cloned(),
                )
            })
        else {
            return Ok(None);
        };
        let mut actions: Vec<CodeActionOrCommand> = Vec::new();
        // Quick fixes come from a check of the current text (a check made before a
        // configuration change still has the right edits); a diagnostic it does not hold is
        // stale and gets none.
        if wants(only, CodeActionKind::QUICKFIX.as_str())
            && let Some(of_text) = of_text
        {
            let make_edit = |edits| self.session.workspace_edit(&uri, version, edits);
            actions.extend(
                features::quick_fixes(&of_text, &params.context.diagnostics, &make_edit)
                    .into_iter()
                    .map(CodeActionOrCommand::CodeAction),
            );
        }
        if wants(only, FIX_ALL_KIND) {
            let title = "Apply every safe rolelint fix".to_string();
            match checked {
                Some(checked) => {
                    if let Some(edit) = features::fix_all_edit(&checked) {
                        actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                            title,
                            kind: Some(CodeActionKind::new(FIX_ALL_KIND)),
                            edit: Some(self.session.workspace_edit(&uri, version, vec![edit])),
                            ..CodeAction::default()
                        }));
                    }
                }
                // Still checking: offer the command, which computes the edit when run.
                None => actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title,
                    kind: Some(CodeActionKind::new(FIX_ALL_KIND)),
                    command: Some(Command {
                        title: "Apply every safe rolelint fix".to_string(),
                        command: COMMAND_FIX_ALL.to_string(),
                        arguments: Some(vec![serde_json::json!(uri.as_str())]),
                    }),
                    ..CodeAction::default()
                })),
            }
        }
        Ok(Some(actions))
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let position = params.text_document_position_params;
        let Some(checked) = self.session.current_check_now(&position.text_document.uri) else {
            return Ok(None);
        };
        let offset = Converter {
            text: &checked.text,
            lines: &checked.lines,
            encoding: checked.encoding,
        }
        .offset(position.position);
        Ok(features::hover(&checked, offset))
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        Ok(self
            .session
            .current_check(&params.text_document.uri)
            .await
            .map(|checked| DocumentSymbolResponse::Nested(features::document_symbols(&checked))))
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        let uri = params.text_document.uri;
        Ok(self
            .session
            .current_check(&uri)
            .await
            .map(|checked| vec![features::code_lens(&checked, &uri)]))
    }

    async fn execute_command(
        &self,
        params: ExecuteCommandParams,
    ) -> Result<Option<serde_json::Value>> {
        let command = params.command.as_str();
        if ![
            COMMAND_FIX_ALL,
            COMMAND_DECLARE_COMBINED,
            COMMAND_SHOW_BALANCE,
        ]
        .contains(&command)
        {
            return Err(Error::invalid_params(format!("unknown command {command}")));
        }
        let uri = uri_argument(&params.arguments)?;
        let Some(checked) = self.session.current_check(&uri).await else {
            return Err(Error::invalid_params(format!(
                "{} is not open",
                uri.as_str()
            )));
        };
        let edit = match command {
            COMMAND_SHOW_BALANCE => {
                let balance = features::role_balance(&checked.analysis);
                self.session
                    .client
                    .show_message(MessageType::INFO, format!("Role balance: {balance}"))
                    .await;
                return Ok(None);
            }
            COMMAND_FIX_ALL => features::fix_all_edit(&checked),
            _ => features::declare_combined_edit(&checked),
        };
        if let Some(edit) = edit {
            let edit = self
                .session
                .workspace_edit(&uri, checked.version, vec![edit]);
            if let Err(error) = self.session.client.apply_edit(edit).await {
                self.session.log(
                    MessageType::WARNING,
                    format!("the editor did not apply the edit: {error}"),
                );
            }
        }
        Ok(None)
    }
}

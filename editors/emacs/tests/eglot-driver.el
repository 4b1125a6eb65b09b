;;; eglot-driver.el --- drive eglot against rolelint for tests/editors_emacs.rs  -*- lexical-binding: t; -*-

;; Run: emacs --batch -Q -l eglot-driver.el
;; Environment: ROLELINT_BIN, ROLELINT_FILE, ROLELINT_OUT, ROLELINT_SCENARIO
;; (diagnostics | quickfix), ROLELINT_EGLOT_CONFIG (a plist read with `read', optional),
;; ROLELINT_RULE and ROLELINT_ACTION (quickfix).
;; The configuration below is the one editors/README.md gives for eglot.

;;; Code:

(require 'package)
;; Debian installs ELPA packages (elpa-eglot) here; -Q leaves it out of the search list.
(add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa")
(package-initialize)
(require 'eglot)
(require 'flymake)
(require 'json)

(defvar rolelint-driver-timeout 20 "Seconds to wait for the server.")
(defvar rolelint-driver-publishes 0 "How many publishDiagnostics notifications arrived.")

(defun rolelint-driver-env (name &optional default)
  (let ((value (getenv name)))
    (if (or (null value) (string-empty-p value)) default value)))

(defun rolelint-driver-count-publish (_server method &rest _)
  (when (eq method 'textDocument/publishDiagnostics)
    (setq rolelint-driver-publishes (1+ rolelint-driver-publishes))))
(advice-add 'eglot-handle-notification :after #'rolelint-driver-count-publish)

(defun rolelint-driver-wait (predicate what)
  (let ((deadline (+ (float-time) rolelint-driver-timeout)))
    (while (and (not (funcall predicate)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (unless (funcall predicate)
      (error "Timed out waiting for %s" what))))

(defun rolelint-driver-diagnostics ()
  "The buffer's Flymake diagnostics as (LINE . TEXT), in order."
  (sort (mapcar (lambda (diagnostic)
                  (cons (line-number-at-pos (flymake-diagnostic-beg diagnostic))
                        (flymake-diagnostic-text diagnostic)))
                (flymake-diagnostics))
        (lambda (a b) (< (car a) (car b)))))

(defun rolelint-driver-wait-for-diagnostics (after what)
  (rolelint-driver-wait (lambda () (> rolelint-driver-publishes after)) what)
  ;; Wait until the server has been quiet for a moment, so a later batch wins.
  (let ((seen rolelint-driver-publishes)
        (quiet-since (float-time)))
    (while (< (- (float-time) quiet-since) 0.4)
      (accept-process-output nil 0.05)
      (unless (= seen rolelint-driver-publishes)
        (setq seen rolelint-driver-publishes
              quiet-since (float-time)))))
  ;; Flymake asks its backends again and gets what eglot holds.
  (flymake-start)
  (accept-process-output nil 0.1))

(defun rolelint-driver-run ()
  (let* ((binary (rolelint-driver-env "ROLELINT_BIN"))
         (file (expand-file-name (rolelint-driver-env "ROLELINT_FILE")))
         (root (file-name-directory file))
         (scenario (rolelint-driver-env "ROLELINT_SCENARIO" "diagnostics"))
         (report nil))
    ;; From editors/README.md, with the built binary instead of `rolelint' on PATH.
    (add-to-list 'eglot-server-programs
                 `((markdown-mode gfm-mode text-mode) . (,binary "server")))
    (let ((configuration (rolelint-driver-env "ROLELINT_EGLOT_CONFIG")))
      (when configuration
        (setq-default eglot-workspace-configuration (car (read-from-string configuration)))))
    ;; The fixture's folder is the project.
    (add-hook 'project-find-functions (lambda (_dir) (cons 'transient root)))
    (find-file file)
    (text-mode)
    (flymake-mode 1)
    (apply #'eglot (eglot--guess-contact))
    (rolelint-driver-wait (lambda () (eglot-current-server)) "the connection")
    (rolelint-driver-wait-for-diagnostics 0 "diagnostics after opening")
    (push (cons 'diagnostics (rolelint-driver-diagnostics)) report)
    (when (equal scenario "quickfix")
      (let* ((rule (rolelint-driver-env "ROLELINT_RULE"))
             (wanted (rolelint-driver-env "ROLELINT_ACTION" ""))
             (target (seq-find (lambda (diagnostic)
                                 (string-match-p (regexp-quote (format "[%s]" rule))
                                                 (flymake-diagnostic-text diagnostic)))
                               (flymake-diagnostics))))
        (unless target (error "No diagnostic for %s" rule))
        (let* ((actions (eglot-code-actions (flymake-diagnostic-beg target)
                                            (flymake-diagnostic-end target)
                                            "quickfix"))
               (chosen (seq-find (lambda (action)
                                   (string-match-p (regexp-quote wanted) (plist-get action :title)))
                                 actions))
               (before rolelint-driver-publishes))
          (unless chosen (error "No quick fix like %S among %S" wanted
                                (mapcar (lambda (action) (plist-get action :title)) actions)))
          (push (cons 'applied (plist-get chosen :title)) report)
          (eglot--apply-workspace-edit (plist-get chosen :edit))
          ;; Eglot sends changes from an idle timer, which batch mode never runs.
          (eglot--signal-textDocument/didChange)
          (rolelint-driver-wait-for-diagnostics before "diagnostics after the quick fix")
          (push (cons 'after (rolelint-driver-diagnostics)) report))))
    (push (cons 'text (buffer-substring-no-properties (point-min) (point-max))) report)
    (ignore-errors (eglot-shutdown (eglot-current-server)))
    report))

(let ((out (rolelint-driver-env "ROLELINT_OUT"))
      (report nil)
      (failed nil))
  (condition-case err
      (setq report (rolelint-driver-run))
    (error (setq failed t)
           (setq report (list (cons 'error (error-message-string err))))))
  (with-temp-file out
    (insert (json-encode
             (mapcar (lambda (entry)
                       (if (memq (car entry) '(diagnostics after))
                           (cons (car entry)
                                 (vconcat (mapcar (lambda (pair) (vector (car pair) (cdr pair)))
                                                  (cdr entry))))
                         entry))
                     report))))
  (kill-emacs (if failed 1 0)))

;;; eglot-driver.el ends here

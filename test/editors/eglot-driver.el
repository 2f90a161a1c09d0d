;;; eglot-driver.el --- drives Emacs for test/editors/editors.test.ts  -*- lexical-binding: t -*-
;; Runs the Emacs block of docs/editors.md unchanged, opens the zone files given, and writes what
;; the user would see (major mode, diagnostics, the hover and code actions at the first one) as
;; JSON. Environment as for neovim-driver.lua.

(require 'package)
(package-initialize)
(require 'json)
(defun spf-lens-driver-write (value)
  (with-temp-file (getenv "SPF_LENS_EDITOR_OUT") (insert (json-encode value))))
(unless (require 'eglot nil t)
  (spf-lens-driver-write '(:skip "eglot is not installed"))
  (kill-emacs 0))
(require 'flymake)

(load (getenv "SPF_LENS_EDITOR_BLOCK") nil t t)

;; Hermetic: live lookups go to the loopback test DNS server, through the configuration eglot
;; answers the server's workspace/configuration requests with.
(setq-default eglot-workspace-configuration
              `(:spfLens (:dns (:servers [,(getenv "SPF_LENS_EDITOR_DNS")]))))

(defun spf-lens-driver-code (diagnostic)
  (let ((lsp (cdr (assoc 'eglot-lsp-diag (eglot--diag-data diagnostic)))))
    (plist-get lsp :code)))

(let ((wait-for (json-parse-string (getenv "SPF_LENS_EDITOR_WAIT")))
      (results '()))
  (dolist (name (split-string (getenv "SPF_LENS_EDITOR_FILES") ","))
    (find-file name)
    ;; eglot-ensure connects, and flymake starts, after the next command; batch mode runs none.
    (run-hooks 'post-command-hook)
    (let ((deadline (+ (float-time) 15))
          (want (gethash name wait-for)))
      (while (and (< (float-time) deadline)
                  (not (cl-some (lambda (d) (equal (spf-lens-driver-code d) want)) (flymake-diagnostics))))
        (when flymake-mode (flymake-start))
        (accept-process-output nil 0.05)))
    (let* ((diagnostics (sort (flymake-diagnostics) (lambda (a b) (< (flymake-diagnostic-beg a) (flymake-diagnostic-beg b)))))
           (first (car diagnostics))
           (server (eglot-current-server))
           hover actions)
      (when (and first server)
        (goto-char (flymake-diagnostic-beg first))
        (setq hover (plist-get (plist-get (jsonrpc-request server :textDocument/hover (eglot--TextDocumentPositionParams)) :contents) :value))
        (setq actions
              (mapcar (lambda (action) (plist-get action :title))
                      (jsonrpc-request server :textDocument/codeAction
                                       (list :textDocument (eglot--TextDocumentIdentifier)
                                             :range (list :start (eglot--pos-to-lsp-position (line-beginning-position))
                                                          :end (eglot--pos-to-lsp-position (line-end-position)))
                                             :context (list :diagnostics
                                                            (vconcat (mapcar (lambda (d) (cdr (assoc 'eglot-lsp-diag (eglot--diag-data d))))
                                                                             (flymake-diagnostics (line-beginning-position) (line-end-position))))))))))
      (push (list :file name
                  :mode (symbol-name major-mode)
                  :languageId (and server (eglot--language-id server))
                  :diagnostics (vconcat (mapcar (lambda (d) (list :code (spf-lens-driver-code d)
                                                                  :beg (flymake-diagnostic-beg d)
                                                                  :end (flymake-diagnostic-end d)))
                                                diagnostics))
                  :hover hover
                  :actions (vconcat actions))
            results)))
  (spf-lens-driver-write (list :version emacs-version :results (vconcat (nreverse results)))))
(eglot-shutdown-all)
(kill-emacs 0)

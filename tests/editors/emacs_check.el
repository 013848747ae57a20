;;; emacs_check.el --- Drives Emacs (batch) with the configuration from docs/editors.md  -*- lexical-binding: t -*-
;; Loaded after the user's snippet; each entry point visits FILE, waits for connlint's findings as Emacs shows them
;; and writes them to OUT as lines `line:col:type:text', which emacs_check.sh compares with what connlint reports.

(require 'cl-lib)
(require 'flymake)

(defun connlint-test--wait (predicate seconds)
  "Let processes and timers run until PREDICATE holds or SECONDS pass; return PREDICATE's value."
  (let ((deadline (+ (float-time) seconds)))
    (while (and (not (funcall predicate)) (< (float-time) deadline))
      (accept-process-output nil 0.1))
    (funcall predicate)))

(defun connlint-test--flymake-lines ()
  (mapcar (lambda (d)
            (let ((beg (flymake-diagnostic-beg d)))
              (format "%d:%d:%s:%s" (line-number-at-pos beg)
                      (1+ (save-excursion (goto-char beg) (current-column)))
                      (flymake-diagnostic-type d) (car (split-string (flymake-diagnostic-text d) "\n")))))
          (flymake-diagnostics)))

(defun connlint-test--write (out lines)
  (with-temp-file out (dolist (l lines) (insert l "\n"))))

(defun connlint-test--flymake-check ()
  "Run flymake's backends once (flymake starts them from timers and commands, which batch Emacs lacks) and wait."
  (flymake-start)
  (connlint-test--wait (lambda () (cl-subsetp (flymake-running-backends) (flymake-reporting-backends))) 30))

(defun connlint-test-eglot (file out)
  "eglot + connlint lsp: diagnostics in flymake, then the quick fix, after which the diagnostic must go away."
  (find-file file)
  ;; `eglot-ensure' connects after the next command; batch Emacs runs none.
  (run-hooks 'post-command-hook)
  (let ((lines (if (connlint-test--wait (lambda () (and (eglot-current-server) (progn (flymake-start) (flymake-diagnostics)))) 30)
                   (connlint-test--flymake-lines)
                 (list "TIMEOUT: no diagnostics from eglot"))))
    (when (flymake-diagnostics)
      (goto-char (flymake-diagnostic-beg (car (flymake-diagnostics))))
      (let ((line (line-number-at-pos)))
        ;; The same call as `M-x eglot-code-action-quickfix' at point, which applies a lone quick fix at once.
        (eglot-code-actions (point) nil "quickfix" t)
        (push (concat "inserted:" (save-excursion (goto-char (point-min)) (forward-line (1- line))
                                                  (buffer-substring (point) (line-end-position))))
              lines)
        ;; eglot sends the edit from an idle timer, and batch Emacs is never idle: send it as that timer would.
        (eglot--signal-textDocument/didChange)
        (push (if (connlint-test--wait (lambda () (flymake-start) (null (flymake-diagnostics))) 30)
                  "after-fix:no diagnostics"
                (concat "after-fix:" (string-join (connlint-test--flymake-lines) " | ")))
              lines)))
    (connlint-test--write out (reverse lines))
    (ignore-errors (eglot-shutdown (eglot-current-server)))))

(defun connlint-test-flymake (file out)
  "The flymake backend from docs/editors.md, first on the file as saved, then on an unsaved edit."
  (find-file file)
  (let ((lines (if (and (connlint-test--flymake-check) (flymake-diagnostics))
                   (connlint-test--flymake-lines)
                 (list "NONE: no diagnostics from the flymake backend"))))
    ;; An unsaved edit that moves the query down two lines: the backend must check the buffer, not the disk.
    (goto-char (point-min))
    (forward-line 2)
    (insert "  // one\n  // two\n")
    (connlint-test--flymake-check)
    (push (concat "unsaved:" (string-join (connlint-test--flymake-lines) " | ")) lines)
    (set-buffer-modified-p nil)
    (connlint-test--write out (reverse lines))))

(defun connlint-test-compile (command out)
  "`M-x compile' with COMMAND, then `M-x first-error': where does Emacs take the user?"
  (let ((directory default-directory))
    (compile command)
    (connlint-test--wait (lambda () (not (get-buffer-process "*compilation*"))) 60)
    (first-error)
    (let ((message (with-current-buffer "*compilation*"
                     (save-excursion (goto-char compilation-current-error)
                                     (buffer-substring (line-beginning-position) (line-end-position))))))
      ;; `first-error' shows the locus in another window; batch Emacs leaves the current buffer as it was.
      (with-current-buffer (window-buffer (selected-window))
        (goto-char (window-point))
        (connlint-test--write out (list (format "%s:%d:%d:%s" (file-relative-name buffer-file-name directory)
                                                (line-number-at-pos) (1+ (current-column)) message)))))))
;;; emacs_check.el ends here

//! Every command of the app in one table: label, shortcut, tooltip. Menus, shortcuts and
//! the help window all read it, so they never disagree.

use egui::{Key, KeyboardShortcut, Modifiers};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    New,
    Open,
    Save,
    SaveAs,
    ExportText,
    ExportMarkdown,
    ExportWord,
    ExportWordLarge,
    CopyAll,
    ImportCorpus,
    Quit,
    Undo,
    Redo,
    Find,
    Check,
    ToggleLibrary,
    TogglePhrases,
    ToggleTheme,
    Preview,
    Outline,
    Shortcuts,
    About,
}

const CTRL: Modifiers = Modifiers::COMMAND;
const CTRL_SHIFT: Modifiers = Modifiers {
    alt: false,
    ctrl: false,
    shift: true,
    mac_cmd: false,
    command: true,
};

pub struct Info {
    pub label: &'static str,
    pub tooltip: &'static str,
    /// Only Ctrl-combinations: no bare key an input method needs is ever a shortcut.
    pub shortcuts: &'static [KeyboardShortcut],
}

impl Command {
    pub const ALL: [Command; 22] = [
        Self::New,
        Self::Open,
        Self::Save,
        Self::SaveAs,
        Self::ExportText,
        Self::ExportMarkdown,
        Self::ExportWord,
        Self::ExportWordLarge,
        Self::CopyAll,
        Self::ImportCorpus,
        Self::Quit,
        Self::Undo,
        Self::Redo,
        Self::Find,
        Self::Check,
        Self::ToggleLibrary,
        Self::TogglePhrases,
        Self::ToggleTheme,
        Self::Preview,
        Self::Outline,
        Self::Shortcuts,
        Self::About,
    ];

    pub fn info(self) -> Info {
        let (label, tooltip, shortcuts): (&str, &str, &'static [KeyboardShortcut]) = match self {
            Self::New => (
                "新建",
                "新建一篇空白讲稿",
                const { &[KeyboardShortcut::new(CTRL, Key::N)] },
            ),
            Self::Open => (
                "打开…",
                "打开已保存的讲稿文件（.ron）",
                const { &[KeyboardShortcut::new(CTRL, Key::O)] },
            ),
            Self::Save => (
                "保存",
                "保存当前讲稿",
                const { &[KeyboardShortcut::new(CTRL, Key::S)] },
            ),
            Self::SaveAs => (
                "另存为…",
                "把讲稿保存到新的文件",
                const { &[KeyboardShortcut::new(CTRL_SHIFT, Key::S)] },
            ),
            Self::ExportText => (
                "导出为文本…",
                "导出带编号的讲话稿全文（.txt）",
                const { &[KeyboardShortcut::new(CTRL, Key::E)] },
            ),
            Self::ExportMarkdown => ("导出为 Markdown…", "导出为 Markdown（.md）", &[]),
            Self::ExportWord => ("导出为 Word…", "按公文版式导出 Word 文档（.docx）", &[]),
            Self::ExportWordLarge => ("导出 Word 大字版…", "讲台用大字版 Word 文档", &[]),
            Self::Check => (
                "交稿前检查",
                "检查未填空位、空白正文、沿用原稿的地名人名、过时或不规范的提法、重复、篇幅、编号和标点",
                &[],
            ),
            Self::CopyAll => ("复制全文", "把讲话稿全文复制到剪贴板", &[]),
            Self::ImportCorpus => (
                "导入语料…",
                "从一个文件夹的讲话稿中提炼模板，加入我的模板库",
                &[],
            ),
            Self::Quit => ("退出", "关闭讲稿工坊（未保存的内容已自动保存）", &[]),
            Self::Undo => (
                "撤销",
                "撤销上一步修改",
                const { &[KeyboardShortcut::new(CTRL, Key::Z)] },
            ),
            Self::Redo => (
                "重做",
                "重做撤销的修改",
                const {
                    &[
                        KeyboardShortcut::new(CTRL_SHIFT, Key::Z),
                        KeyboardShortcut::new(CTRL, Key::Y),
                    ]
                },
            ),
            Self::Find => (
                "查找",
                "在讲稿中查找文字",
                const { &[KeyboardShortcut::new(CTRL, Key::F)] },
            ),
            Self::ToggleLibrary => ("模板库", "显示或隐藏左侧模板库", &[]),
            Self::TogglePhrases => ("推荐面板", "显示或隐藏右侧推荐提法", &[]),
            Self::ToggleTheme => ("浅色/深色", "切换浅色和深色外观", &[]),
            Self::Preview => ("全文预览", "按导出格式预览全文（空位已填入会议信息）", &[]),
            Self::Outline => (
                "提纲",
                "只看各部分和分论点的标题：点击跳转，拖动调整顺序",
                const { &[KeyboardShortcut::new(CTRL_SHIFT, Key::O)] },
            ),
            Self::Shortcuts => ("快捷键", "查看全部快捷键", &[]),
            Self::About => ("关于", "关于讲稿工坊", &[]),
        };
        Info {
            label,
            tooltip,
            shortcuts,
        }
    }

    /// "Ctrl+Shift+S" style text of the first shortcut, for menus.
    pub fn shortcut_text(self, ctx: &egui::Context) -> Option<String> {
        self.info()
            .shortcuts
            .first()
            .map(|s| ctx.format_shortcut(s))
    }
}

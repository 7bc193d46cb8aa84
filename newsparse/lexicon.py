"""Chrome labels of Pangea pages, one table per language.

This is data, not logic: adding a service means adding rows here (and a
fixture). Rows come from real pages (text renderings in labels.md, the
services' own HTML); the few never seen are menu words that cannot be prose
("Read more", "Печать"). A string that could also be a real body paragraph
is left out, however likely it is to be chrome. The matching helpers at the
bottom fold case, Unicode forms, zero-width non-joiners, Arabic/Persian
letter variants, quote styles and edge punctuation, so a row is written once
as the page shows it. English rows apply everywhere, because many services
render English chrome ("Accessibility links" on the Georgian and Tatar
sites, "Breaking News" on the Uzbek one, player texts on most services).

Languages: ISO 639-1 where one exists; `sh` is the Bosnian / Serbian /
Croatian / Montenegrin service, `prs` Dari, `crh` Crimean Tatar, `ce`
Chechen. A language without a table (`ba`, `mk`) had no chrome in any
rendering or HTML we could check.

Categories matched as a whole line:
  skip        the accessibility heading and its skip links
  breaking    the "Breaking News" banner label and live badges
  player      media player texts, spinner, toasts, the sensitive-image overlay
  share       share / print / embed / follow / back-to-top lines
  widgets     related, most-popular, load-more, episode-list and navigation headings
  comments    the comments widget heading
  kicker      status, kicker and logo lines that sit next to the headline
  card        the author card's first line (its image alt text)
  image       what an in-body image shows in place of a caption ("Screenshot"): no paragraph is one word
Categories matched by their opening words:
  notice      service self-descriptions and contact notices
  legal       legal notices: the undesirable-organization disclaimer with its
              follow-up sentences, the Russian foreign-agent label (spacing- and
              case-insensitive, since sites retype it)
  credit      openers of trailing attribution lines ("With reporting by")
Other:
  byline      prefixes before author names ("By")
  source      the label before a fact-check's claim source detail ("Source:"); see `strip_source_label`
  clock       the "<city> time" words of the site clock line; see `is_clock`
  intro       the opening of an editor's line that introduces an embedded video ("WATCH: ..."), whose
              title the next line shows; see `introduces_media`

Besides the tables: PATTERNS (whole-line shapes such as "XS SM MD LG", the player's quality menu and
the player counter), CREDIT_PATTERNS, EPISODE_DATE (`is_episode_date`), MONTHS (their dates and
the date lines of `is_date_line`) and
SCRIPTS (the scripts each service writes in).
"""

from __future__ import annotations

import functools
import re
import unicodedata

from .textutil import fold

LABELS: dict[str, dict[str, list[str]]] = {
    "en": {
        "skip": ["Accessibility links", "Skip to main content", "Skip to main Navigation", "Skip to Search",
                 "Search RFE/RL"],
        "breaking": ["Breaking News", "Live"],
        "player": ["please wait", "No media source currently available", "No live streaming currently available",
                   "Your browser doesn’t support HTML5", "The URL has been copied to your clipboard",
                   "The code has been copied to your clipboard.", "Link has been copied to clipboard",
                   "Copy to clipboard", "Direct link", "Embed", "Error rendering VK.", "Listen", "Watch",
                   "This image contains sensitive content which some people may find offensive or disturbing.",
                   "Click to reveal",
                   "This image contains sensitive content which some people may find offensive or disturbing "
                   "- Click to reveal",
                   # labels2: the video player's quality menu, an entry a line, on a VOA Hausa page
                   # (https://voahausa.com/a/baki-bakar-fata-na-daga-cikin-wadanda-suka-himmatu-a-zaben-amurka-na-2020/5646500.html):
                   # its first entry; the resolutions after it are PATTERNS' quality-menu shape
                   "Auto"],
        "share": ["Share", "Print", "Print Options:", "Images", "Multimedia", "Embedded Content", "Cancel",
                  "Follow us", "Follow us on Facebook", "Share on Facebook", "Share on Twitter",
                  "Email to a Friend", "copy link", "More options", "Back to top", "logo-print", "Image",
                  "Close", "Follow us on Twitter", "Follow us on Instagram", "Follow us on YouTube",
                  "toggle more sharing options", "(CTRL+P)", "logo", "logo-compact", "site logo",
                  # labels2: the photo lightbox's close button, between the doubled captions of the 2012 layout
                  # (http://khmer.voanews.com/content/cambodia-foreign-minister-hor-nam-hong-partly-in-charge-of-beng-trabek-prison/1449478.html)
                  "x"],
        "widgets": ["Related", "Most popular", "Most Viewed", "Editors' Picks", "All Of The Latest News",
                    "More News", "Latest", "Load more", "Show less", "More", "Episodes", "See all episodes",
                    "See TV Programs See Radio Programs", "Blog Archive", "About This Newsletter",
                    "About This Blog", "About This Page", "Subscribe", "Languages", "Previous Next",
                    "All RFE/RL sites", "Search", "Menu", "Download", "Audio Downloads", "Read more",
                    "Also read", "Show more", "Previous", "Next", "Continue reading", "Latest Newscast",
                    "Satellite schedule", "toggle main navigation", "toggle search input", "search text ...",
                    "open tab", "close tab", "open widget tab Most Viewed", "close widget tab Most Viewed",
                    "Learning English Ndebele Shona", "RFE/RL - Top Stories [RSS]", "VOA - Top Stories [RSS]", "RSS", "Terms of Use",
                    "Terms of Use & Privacy Notice", "Contact Us"],
        "comments": ["Comments", "See comments", "Show comments",
                     "Facebook Forum"],  # labels2: English on VOA Hausa pages (urls at "ha")
        "kicker": ["Updated", "update", "News", "Video"],
        "card": ["16x9 Image"],
        # an in-body image's caption that only names its kind, on a Polygraph fact-check roundup
        # (https://voa.pangea-cms.com/preview/en-US/a/covid-19-pandemic_infodemic-fact-checking-trump-axios-interview/6193976.html)
        "image": ["Screenshot"],
        "notice": ["RFE/RL journalists report the news in 27 languages in 23 countries where a free press is "
                   "banned by the government or not fully established."],
        "legal": ["RFE/RL has been declared an \"undesirable organization\" by the Russian government.",
                  "If you are in Russia or the Russia-controlled parts of Ukraine and hold a Russian passport "
                  "or are a stateless person residing permanently in Russia or the Russia-controlled parts of "
                  "Ukraine, please note that you could face fines or imprisonment",
                  "To find out more, click here."],
        "credit": ["With reporting by", "With additional reporting by", "Based on reporting by",
                   "To read the original story by", "Some information for this report came from",
                   "Some material for this report came from", "Material for this report came from",
                   "Information for this report came from"],
        "byline": ["By"],
        "source": ["Source"],
        # a VOA roundup's line over each embedded video, the video's title under it
        # (https://www.voanews.com/a/june-14-trump-mueller-obstruction-of-justice-scalise-shooting-gunman/3900799.html)
        "intro": ["WATCH:"],
    },
    "ru": {
        "skip": ["Ссылки для упрощенного доступа", "Доступность ссылок", "Линки доступности",
                 "Вернуться к основному содержанию", "Вернутся к главной навигации", "Вернутся к поиску",
                 "Перейти на основной контент", "Перейти к основной навигации", "Перейти в поиск"],
        "breaking": ["Срочные новости:", "Срочно", "Новость часа", "Сейчас в эфире", "Прямой эфир"],
        "player": ["пожалуйста, подождите", "Ваш браузер не поддерживает HTML5", "Прямая ссылка", "Встроить",
                   "Видеоверсия программы"],  # svoboda.org programme pages (AMP): heading over the video
        "share": ["Наверх", "Социальные сети", "Поделиться", "Печать"],
        "widgets": ["Выпуски", "Другие новости", "Показать больше", "Показать меньше", "Показать ещё",
                    "Свернуть", "Показать больше Свернуть", "Предыдущий", "Следующий", "Далее", "Больше",
                    "Все сайты РСЕ/РС", "Искать", "Поиск", "Языки", "Читайте также", "Смотрите также",
                    "Самое читаемое", "Популярное", "Загрузить ещё", "Все выпуски"],
        "comments": ["Комментарии"],
        "legal": ["ДАННОЕ СООБЩЕНИЕ (МАТЕРИАЛ) СОЗДАНО И (ИЛИ) РАСПРОСТРАНЕНО ИНОСТРАННЫМ СРЕДСТВОМ "
                  "МАССОВОЙ ИНФОРМАЦИИ, ВЫПОЛНЯЮЩИМ ФУНКЦИИ ИНОСТРАННОГО АГЕНТА",
                  "НАСТОЯЩИЙ МАТЕРИАЛ (ИНФОРМАЦИЯ) ПРОИЗВЕДЕН, РАСПРОСТРАНЕН И (ИЛИ) НАПРАВЛЕН ИНОСТРАННЫМ "
                  "АГЕНТОМ"],
        "byline": ["Автор", "Авторы"],
        "source": ["Источник"],
    },
    "uk": {
        "skip": ["Доступність посилання", "Спеціальні потреби"],
        "breaking": ["ТОП новини"],
        "player": ["Будь ласка, зачекайте", "Пряме посилання"],
        "share": ["Поділитися", "Друк"],
        "widgets": ["Читайте також",
                    # VOA Ukrainian: "more on the topic" and "video, the essentials" widget headings
                    # (ukrainian.voanews.com/a/a-49-2009-03-02-voa3-86832672/220226.html), the newsletter box
                    # heading (voa.pangea-cms.com/preview/uk-UA/a/bosnia-serbs-2012-01-09-136958533/246835.html)
                    "Інше за темою", "Відео - найголовніше", "Розсилка"],
        "comments": ["Форум"],
        "kicker": ["Актуально"],
        "credit": ["(Відео Російської редакції Радіо Свобода)"],
        # VOA Ukrainian: the service's author-card bio (.../246835.html above) and the follow-us line
        # closing the body (voa.pangea-cms.com/preview/uk-UA/a/diadia-vania-chekhova-u-niu-yorku-ukraintsi-
        # vymahaiut-teatr-poiasniuvaty-hliadachu-yaki-voienni-zlochyny-koit-rosiia-v-ukraini/7682302.html)
        "notice": ["Голос Америки (VOA) надає новини та інформацію більш ніж 40 мовами.",
                   "Підписуйтеся на Голос Америки Українською у"],
    },
    "be": {"skip": ["Лінкі ўнівэрсальнага доступу"]},
    "sh": {
        "skip": ["Dostupni linkovi", "Pređite na glavni sadržaj", "Pređite na glavnu navigaciju",
                 "Pređite na pretragu"],
        "breaking": ["Vanredno", "Uživo"],
        "player": ["molimo pričekajte", "Kod je kopiran u vaš clipboard.", "Direktan link", "Pop-out plejer",
                   "Slušajte uživo", "Pokreni", "Pauza", "Zvuk", "Promjena izvora", "Preuzimite Adobe Flash Player"],
        "share": ["Podijelite", "Podijelite na Facebooku", "Podijelite na Twitteru", "Podijelite ovaj sadržaj",
                  "Pošaljite prijatelju", "Pratite nas", "Nazad na vrh", "Pratite nas na Facebooku",
                  "Pratite nas na Twitteru", "Pratite nas na Instagramu", "Pratite nas na YouTubeu",
                  "Uključi više opcije dijeljenja", "Zatvori"],
        "widgets": ["Pogledajte / Poslušajte", "Pogledajte sve epizode", "Više sadržaja", "Prikaži manje",
                    "O programu", "Prethodni", "Naredni", "Sljedeće", "Više", "Više radija", "Sve RFE/RL stranice",
                    "Pretraživač", "Ulaz za pretraživanje", "pretražite tekst...", "Glavna navigacija",
                    "Dugme za otvaranje", "Dugme za zatvaranje", "Audio meni", "Raspored emisija", "TV raspored",
                    "Gdje nas možete slušati", "RSE aplikacija"],
    },
    "sq": {
        "skip": ["Ndërlidhjet", "Kalo tek artikujt kryesorë", "Kalo te faqja kryesore", "Kalo te kërkimi",
                 # VOA Albanian's accessibility heading (zeriamerikes.com/a/kryetari-i-ps-edi-rama-pershendet-
                 # zerin-e-amerikes-me-rastin-e-70-vjetorit-142625416/917556.html)
                 "Lidhje"],
        "breaking": ["Lajm i jashtëzakonshëm"],
        "share": ["Na ndiqni në Facebook"],
        "widgets": ["E mëparshme", "E ardhshmja", "Më shumë", "Kërko"],
    },
    "ro": {"share": ["Răspândește", "Embed Răspândește"]},
    "bg": {
        "skip": ["Връзки за достъпност"],
        "breaking": ["Извънредни новини"],
        "comments": ["Форум"],
        "notice": ["Свободна Европа е службата за България на Radio Free Europe/Radio Liberty (RFE/RL)."],
    },
    "hu": {"skip": ["Akadálymentes mód"], "breaking": ["A legfrissebb hírek"]},
    "crh": {"skip": ["Link açıqlığı"], "breaking": ["Saatnıñ esas haberi"]},
    "ce": {"skip": ["ТIекхочийла долу линкаш"], "breaking": ["ЦIеххьана кхаьчна хаам!"]},
    "ky": {
        "skip": ["Линктер"],
        "breaking": ["ЧУКУЛ КАБАР!"],
        "clock": ["Бишкек убактысы"],
    },
    "kk": {"comments": ["ПІКІРЛЕР"]},
    "uz": {
        "skip": ["Линклар", "Бош мавзуларга ўтинг", "Асосий навигацияга ўтинг", "Қидиришга ўтинг"],
        "breaking": ["ЖОНЛИ"],
        "widgets": ["Бошқа мақолалар", "Тафсилотлар", "Олдингиси", "Кейингиси", "Излаш", "Бошқа категориялар"],
        "clock": ["Тошкент вақти"],
        # labels2 (uz, VOA Uzbek, Latin script): the player's spinner and download link
        # (http://www.amerikaovozi.com/a/navruz-in-america-uzbeks-new-yok-chicago/1627301.html), the service's
        # self-description in its author card (https://amerikaovozi.com/a/omonulloh-xoja/3749844.html)
        "player": ["Iltimos, kuting..."],
        "share": ["Yuklab oling"],
        "notice": ['"Amerika Ovozi" - Vashingtonda asoslangan xalqaro teleradio, 45 tilda efirga chiqadi.'],
    },
    "az": {
        "skip": ["Keçid linkləri"],
        "player": ["Gözlə", "Direct-ə keçid"],
        "clock": ["Bakı vaxtı"],
    },
    "tk": {
        "skip": ["Sepleriň elýeterliligi", "Esasy mazmuna dolan", "Esasy nawigasiýa dolan", "Gözlege dolan"],
        "breaking": ["Soňky habar", "Göni efirde"],
        "share": ["Bizi Feýsbukda yzarla"],
        "widgets": ["Has köp", "Gözleg"],
        "notice": ["Gadyrly okyjy, siz Telegram we WhatsApp tilsimleriniň messenjerleri arkaly Azatlyk "
                   "Radiosy bilen howpsuz ýagdaýda habarlaşyp bilersiňiz.",
                   "Türkmenistanda VPN ulgamlary arkaly işleýär. Siz şu meýl"],
    },
    "tt": {"breaking": ["Кайнар хәбәр"]},
    "tg": {
        "skip": ["Пайвандҳои дастрасӣ", "Ҷаҳиш ба мояи аслӣ", "Ҷаҳиш ба феҳристи аслӣ", "Ҷаҳиш ба ҷустор"],
        "breaking": ["Хабари нав", "ЗИНДА"],
        "player": ["Браузери шумо HTML5-ро намешиносад"],
        "share": ["Моро дар Facebook пайгирӣ кунед"],
        "widgets": ["Бештар", "Ҷустуҷӯ"],
        "kicker": ["Дар чанд ҷумла"],
    },
    "fa": {
        "skip": ["لینک‌های قابلیت دسترسی", "لینکهای قابل دسترسی", "بازگشت", "بازگشت به منوی اصلی",
                 "رفتن به صفحه جستجو"],
        "breaking": ["خبر فوری", "زنده"],
        "widgets": ["بیشتر", "بیشتر بخوانید", "خبرهای بیشتر", "زبان‌های دیگر", "جستجو"],
        "kicker": ["سرخط خبرها"],
        # labels2 (fa, VOA Persian programme episode page): the embed link and the live player's notices
        # (https://ir.voanews.com/episode/un-comments-syrian-conflict-50164)
        "player": ["اِمبد", "آغاز این برنامه در ساعت:", "این برنامه به پایان رسیده است و تا دقایقی دیگر آرشیو می‌شود."],
    },
    "prs": {
        "skip": ["لینکهای قابل دسترسی"],
        "breaking": ["خبر تازه"],
        "player": ["لینک مستقیم"],
        "widgets": ["تازه‌ترین خبرهای روز را اینجا دنبال کنید"],
    },
    "ps": {
        "skip": ["د لاسرسي ځای", "عمومي پاڼې یا موضوع ته لاړ شئ", "عمومي یا کورپاڼې ته لاړ شئ",
                 "لټون ته ورشئ"],
        "breaking": ["تازه خبر"],
        "player": ["تم شئ", "کوډ کاپي شوی دی."],
        "share": ["شریک کړئ"],
        "widgets": ["نور وګوره", "کم وښیاست", "تفصیل...", "لنډ خبرونه",
                    # labels2: Radio Mashaal's special-pages heading after the article
                    # (http://www.mashaalradio.com/a/26754989.html)
                    "د مشال ځانګړې پاڼې"],
    },
    "hy": {"skip": ["Մատչելի հղումներ"]},
    "ka": {
        # VOA Georgian video page (amerikiskhma.com/a/7819899.html): the episode-list heading (its
        # comments widget's "Facebook Forum" tab line is English, a row of "en")
        "widgets": ["ეპიზოდები"],
        "kicker": ["რადიო თავისუფლება", "რადიო თავისუფლება რადიო თავისუფლება"],
        "byline": ["ავტორი"],
        "clock": ["თბილისის დრო"],
    },
    # labels2 (zh): the live player's texts and the live-TV widget over the old article layout
    # (https://www.voachinese.com/a/a-21-n2006-03-10-voa16-63251737/975740.html); VOA Cantonese writes
    # the heading and the banner in traditional characters
    # (https://voacantonese.com/a/article-20120308obama-speech-in-voa70-anniversary-141891533/1150178.html).
    "zh": {
        "skip": ["无障碍链接", "跳转到内容", "跳转到导航", "跳转到检索",
                 "無障礙鏈接"],
        "breaking": ["突發新聞"],
        "player": ["请稍等", "没有媒体可用资源", "您的浏览器不支持HTML5",
                   "没有现场直播", "0:00 0:00 直播"],
        "widgets": ["VOA卫视最新视频", "美国之音中文节目预告", "其他语言网站", "检索",
                    "VOA卫视(直播)", "欢迎在YouTube直播聊天室参与节目讨论"],
        "clock": ["中国时间"],
    },
    "ko": {
        "skip": ["연결 가능 링크", "메인 콘텐츠로 이동", "메인 네비게이션으로 이동", "검색으로 이등"],
        "breaking": ["속보"],
        "widgets": ["더보기"],
    },
    # labels2: VOA services first seen here, each row from the page in its comment.
    # Urdu: the accessibility heading (https://urduvoa.com/a/voa-launches-progamming-i-n-sindhi/6639933.html).
    "ur": {"skip": ["رسائی کے لنکس"]},
    # Khmer: heading and breaking banner
    # (https://khmer.voanews.com/a/independent-journalist-voice-no-longer-heard-unemployment-pr/4086147.html).
    "km": {"skip": ["ភ្ជាប់ទៅគេហទំព័រទាក់ទង"], "breaking": ["ព័ត៌មានថ្មី"]},
    # Burmese: heading and breaking banner (https://burmese.voanews.com/a/a-27-2010-03-18-voa3-93555184/1239468.html).
    "my": {"skip": ["သုံးရလွယ်ကူစေသည့် Link များ"], "breaking": ["နောက်ဆုံးရသတင်း"]},
    # Bangla: the accessibility heading (https://www.voabangla.com/a/voa-70th-anniv-141825023/1443174.html,
    # https://www.voabangla.com/a/voa-27april17/3828680.html).
    "bn": {"skip": ["অ্যাকসেসিবিলিটি লিংক"]},
    # Thai: the accessibility heading (https://www.voathai.com/p/5368.html).
    "th": {"skip": ["ลิ้งค์เชื่อมต่อ"]},
    # Lao: the accessibility heading (https://lao.voanews.com/a/a-52-2008-01-27-voa1-90689644/1187426.html).
    "lo": {"skip": ["ລິ້ງ ສຳຫລັບເຂົ້າຫາ"]},
    # Hausa (English heading, player and "Facebook Forum" comments heading on the same pages): the breaking
    # banner (https://www.voahausa.com/a/raayoyin-wasu-yan-najeriya-kan-cikar-muryar-amurka-shekaru-75-da-kafuwa/3748482.html)
    # and the programme widget heading after the article
    # (https://voahausa.com/a/baki-bakar-fata-na-daga-cikin-wadanda-suka-himmatu-a-zaben-amurka-na-2020/5646500.html).
    "ha": {"breaking": ["Labari da Dumi-Duminsa"], "widgets": ["Karin bayani akan Rahotannin Taskar VOA"]},
    # Afaan Oromoo: the accessibility heading, over English "Breaking News"
    # (https://www.voaafaanoromoo.com/a/obalaa-obalaa---lammiwwan-ameerikaa-haarawa-siyaasatti-dhufan-keessaa/5658169.html).
    "om": {"skip": ["Xurree ittiin seenan"]},
    # Amharic: the Facebook comments box heading closing the article
    # (https://amharic.voanews.com/a/pence-people-of-the-united-states-wants-iranians-to-achieve-democratic-future-1-8-2018/4198355.html).
    "am": {"comments": ["የፌስቡክ አስተያየት መስጫ"]},
    "es": {
        "skip": ["Enlaces de accesibilidad", "Enlaces para accesibilidad", "Salte al contenido principal",
                 "Salte al navegador principal", "Salte a búsqueda"],
        "breaking": ["Última hora", "EN VIVO"],
        "share": ["Síganos en Facebook"],
        "widgets": ["Mostrar más", "Idiomas", "Búsqueda",
                    # Martí: the link under an article to the day's other news
                    # (martinoticias.com/content/marco-rubio-ros-lehtienen-castro-obama/83861.html)
                    "Vea todas las noticias de hoy"],
    },
    # VOA Turkish (amerikaninsesi.com), text rendering of an article page with a programme player:
    # the accessibility heading, the player's spinner text, the programme strip's heading.
    "tr": {
        "skip": ["Erişilebilirlik"],
        "player": ["lütfen bekleyin"],
        "widgets": ["STÜDYO VOA"],
    },
    "fr": {
        "skip": ["Liens d'accessibilité", "Menu principal", "Retour à la navigation principale",
                 "Retour à la recherche"],
        "breaking": ["Dernières nouvelles"],
        # player text and the programme-list heading: voaafrique.com VOA60 video and programme pages
        "player": ["Attendez s'il vous plaît"],
        "share": ["Suivez-nous sur Facebook"],
        "widgets": ["Voir plus", "Langues", "Recherche", "Programmes"],
    },
}

# Titles of a site's static pages: such a page is not an article (page_type "static").
STATIC_TITLES = ("About", "About Us", "About RFE/RL", "About VOA", "Contact", "Contact Us", "Terms of Use",
                 "Privacy Policy", "Editorial Policy", "Corrections", "Careers", "О нас", "Контакты", "Про нас",
                 "Контакти", "Sobre nosotros", "Quiénes somos", "Contacto", "À propos", "Contactez-nous")

# Widget headings whose next line is the menu they head, flattened to one line
# ("Languages" / "Learning English Ndebele Shona" in a VOA header).
MENU_HEADINGS = ("Languages", "Idiomas", "Langues", "其他语言网站", "زبان‌های دیگر")

# The scripts each service writes in, first the usual one: in a text dump the
# chrome names candidate languages and the body's script picks among them
# (the Tatar site puts Cyrillic chrome over Latin-script text; the Uzbek one
# English chrome over Cyrillic or Latin text).
SCRIPTS: dict[str, tuple[str, ...]] = {
    "en": ("latn",), "es": ("latn",), "fr": ("latn",), "tr": ("latn",), "sq": ("latn",), "ro": ("latn",), "hu": ("latn",),
    "az": ("latn",), "tk": ("latn",), "crh": ("latn",), "sh": ("latn", "cyrl"), "uz": ("latn", "cyrl"),
    "tt": ("cyrl", "latn"), "ru": ("cyrl",), "uk": ("cyrl",), "be": ("cyrl",), "bg": ("cyrl",),
    "mk": ("cyrl",), "ba": ("cyrl",), "ce": ("cyrl",), "ky": ("cyrl",), "kk": ("cyrl",), "tg": ("cyrl",),
    "fa": ("arab",), "prs": ("arab",), "ps": ("arab",), "ka": ("geor",), "hy": ("armn",), "zh": ("hani",),
    "ko": ("hang",),
    "ur": ("arab",), "km": ("khmr",), "my": ("mymr",), "bn": ("beng",), "th": ("thai",), "ha": ("latn",),
    "om": ("latn",), "am": ("ethi",), "ti": ("ethi",), "lo": ("laoo",),
}

# Categories matched as a whole line, and those matched by their opening words.
WHOLE_LINE = ("skip", "breaking", "player", "share", "widgets", "comments", "kicker", "card", "image")
OPENING = ("notice", "legal", "credit")

# Month names of the date lines in episode lists (labels.md §12).
MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
    "ru": ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
           "ноября", "декабря"],
    "sh": ["januar", "februar", "mart", "april", "maj", "jun", "juni", "jul", "juli", "avgust", "septembar",
           "oktobar", "novembar", "decembar", "siječanj", "veljača", "ožujak", "travanj", "svibanj", "lipanj", "srpanj",
           "kolovoz", "rujan", "listopad", "studeni", "prosinac"],
    # Georgian: the episode list of amerikiskhma.com/a/7819899.html dates entries "<month> 13, 2024"
    "ka": ["იანვარი", "თებერვალი", "მარტი", "აპრილი", "მაისი", "ივნისი", "ივლისი", "აგვისტო", "სექტემბერი",
           "ოქტომბერი", "ნოემბერი", "დეკემბერი"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"],
    # The date lines of other services' pages ("27 <month> 2008", "<month> 27, 2008"), in the
    # services' own month names: Spanish, Ukrainian (genitive), Turkish, Persian and Dari solar months,
    # Lao, Thai, Khmer.
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
           "noviembre", "diciembre"],
    "uk": ["січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня", "вересня", "жовтня",
           "листопада", "грудня"],
    "tr": ["Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül", "Ekim", "Kasım",
           "Aralık"],
    "fa": ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"],
    "prs": ["حمل", "ثور", "جوزا", "سرطان", "اسد", "سنبله", "میزان", "عقرب", "قوس", "جدی", "دلو", "حوت"],
    "lo": ["ມັງກອນ", "ກຸມພາ", "ມີນາ", "ເມສາ", "ພຶດສະພາ", "ມິຖຸນາ", "ກໍລະກົດ", "ສິງຫາ", "ກັນຍາ", "ຕຸລາ", "ພະຈິກ",
           "ທັນວາ"],
    "th": ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม", "กันยายน",
           "ตุลาคม", "พฤศจิกายน", "ธันวาคม"],
    "km": ["មករា", "កុម្ភៈ", "មីនា", "មេសា", "ឧសភា", "មិថុនា", "កក្កដា", "សីហា", "កញ្ញា", "តុលា", "វិច្ឆិកា", "ធ្នូ"],
}

_MONTH = "(?:" + "|".join(sorted((m for ms in MONTHS.values() for m in ms), key=len, reverse=True)) + ")"

# The media player's counter line: position, length, position ("0:00 0:18:43 0:00").
PLAYER_COUNTER = r"\d{1,2}:\d{2}(?::\d{2})?\s+\d{1,2}:\d{2}(?::\d{2})?\s+\d{1,2}:\d{2}(?::\d{2})?"

# Whole-line patterns that are chrome in any language.
PATTERNS = [
    r"(?:XS|SM|MD|LG)(?:\s+(?:XS|SM|MD|LG))*",  # breakpoint labels, alone or flattened
    "PLAYER_COUNTER",  # "0:00 0:18:43 0:00"
    r"(?:Auto\s+)?\d{3,4}p(?:\s+\d{3,4}p)*",  # the video player's quality menu: "240p", ..., "1080p", or flattened
    r".{0,40}©\s*(?:\d{4}\s*)?(?:RFE/RL|Pangea|Radio Free Europe).{0,80}",  # "Радио Свобода © 2018 RFE/RL, Inc."
    r"\d{4}\s*©\s*(?:RFE/RL|Pangea|Radio Free Europe).{0,80}",  # "2016 © Pangea Digital, ..."
    r"ბლოგები\s*/.{1,60}",  # Georgian blog breadcrumb "ბლოგები / <author>"
    r"(?:\(\w+\)\s*)?[^\s|]{1,12}\s*\|\s*\[\s*\d{1,3}:\d{2}\s*mins?\s*\]",  # old audio link "(rm) صدا | [ 2:42 mins ]"
]

# Whole-line credit shapes whose opening words alone could start a body sentence.
# Matched case-sensitively where a capital marks the name: "I'm fine." is prose, "I'm Jill Ashby." a sign-off.
_NAME = r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}"
CREDIT_PATTERNS = [
    r"(?i:compiled from (?:[\w/'’,&-]+ ){0,6}reports?\.?)",  # "compiled from Reuters reports"
    r"(?i:(?:compiled|written|reporting) by (?:[^\s,;:]+ ){0,5}[^\s,;:]+)",  # "Compiled by RFE/RL staff", no clause
    # VOA Learning English: the reader's sign-off, and the writer/editor line (SIGN_OFF, built below)
    r"(?:And )?I['’]m NAME\.",
    "SIGN_OFF",
]

# The writer/editor line of VOA Learning English, as the pages write it: one to four sentences, each
# who did what ("VOA’s NAME reported this story.", "NAME adapted it for Learning English.",
# "NAME wrote it for VOA Learning English and produced the program.", "NAME adapted this story based
# on AP, Reuters and VOA News reports.") or "NAME was the editor.". The line is a credit only when one
# sentence is Learning English's own (it names Learning English, adapts, or names the editor), so a
# closing "Reuters reported it." stays prose. A sentence's own dots ("VOANews.com", "Jr.") do not end it.
_SENTENCE_REST = r"(?:[^.]|\.(?! |$)|(?<= Jr)\. ){0,160}\."
_WHO = r"(?!(?:He|She|They|We|You|It)\b)(?:VOA['’]s )?NAME(?:(?:,| and|, and) NAME)*"  # one way to read names
_DID = r"(?:wrote|reported|adapted|produced|prepared|recorded|edited)"
_WORK = r"(?:it|them|(?:this|the) (?:story|report|article|program|video|lesson))\b"
_DEED = rf"{_WHO} {_DID}(?:,? (?:and )?{_DID})* {_WORK}{_SENTENCE_REST}"
_EDITOR = rf"{_WHO} (?:was|were) the editors?\."
_OWN = (rf"(?:{_WHO} adapted(?:,? (?:and )?{_DID})* {_WORK}{_SENTENCE_REST}"
        rf"|{_WHO} {_DID}\b[^.]{{0,80}}Learning English{_SENTENCE_REST}|{_EDITOR})")
SIGN_OFF = rf"(?:(?:{_DEED}|{_EDITOR}) ){{0,3}}{_OWN}(?: (?:{_DEED}|{_EDITOR})){{0,3}}"

# The date line of an episode list ("-", then the date, then the title): a
# whole-line date is chrome only in that shape, since timelines use dates as
# subheadings.
EPISODE_DATE = [
    rf"{_MONTH}\s+\d{{1,2}},\s+\d{{4}}",  # June 21, 2021
    rf"\d{{1,2}}\.?\s+{_MONTH}(?:/{_MONTH})?,?\s+\d{{4}}\.?",  # 15 января 2025; 19. oktobar/listopad, 2025.
]

# Photo credits that close a caption: "(AP Photo/Rodrigo Abd).", "(Reuters)", "(Фото: ...)". A line
# ending so is a picture's caption, not running text.
PHOTO_CREDITS = ["AP Photo", "AP", "AFP", "Reuters", "EPA", "EPA-EFE", "Getty Images", "Photo", "Foto", "Фото",
                 "Фото:", "File photo", "RFE/RL"]

# The date a caption ends with ("... in the eastern Donbas region on May 24."): a month name and a day,
# or a year, before the full stop.
CAPTION_DATE_END = [rf"\b(?:on|in) {_MONTH} \d{{1,2}}(?:, \d{{4}})?\.", rf"\b(?:on|in) \d{{1,2}} {_MONTH}(?: \d{{4}})?\.",
                    r"\b(?:on|in) (?:19|20)\d\d\."]

# Site clock lines: a time of day and a year, plus a "<city> time" phrase or
# no more than a few words (weekday, month, city: the fa, prs forms), labels.md §3.
_TIME = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?!\d)")
_YEAR = re.compile(r"(?<!\d)(?:1[34]|19|20)\d\d(?!\d)")
_WORDY = re.compile(r"[^\W\d_]{2,}")
# A date alone on its line, in any language of MONTHS: an episode-list date form, or day.month.year /
# year-month-day, after a weekday ("Sunday, ") and before a time of day; no title is only a date.
_DATE_LINE = re.compile(r"(?P<weekday>[^\W\d_]+,\s*)?(?:" + "|".join(EPISODE_DATE)
                        + rf"|\d{{1,2}}\s+de\s+{_MONTH}\s+(?:de\s+)?\d{{4}}"  # Spanish: 5 de mayo de 2021
                        + r"|\d{1,2}[./]\d{1,2}[./]\d{4}|\d{4}-\d{1,2}-\d{1,2})(?:\s+\d{1,2}:\d{2})?\s*", re.I)
_CLOCK_MAX = 80  # characters; a clock line is short
_CLOCK_MAX_WORDS = 5  # words a clock line may have without a known clock word

# Keys: letters that pages write in more than one way are folded to one. Replaced one by one
# where present (str.translate with a table costs ~0.1 us a character on non-ASCII text; no
# replacement is itself replaced again).
_VARIANTS = (
    ("ӏ", "i"), ("Ӏ", "i"),  # Chechen palochka, written as Latin I on the pages
    ("ي", "ی"), ("ى", "ی"), ("ك", "ک"),  # Arabic yeh and kaf in Persian text
    ("“", '"'), ("”", '"'), ("„", '"'), ("«", '"'), ("»", '"'), ("’", "'"), ("‘", "'"),
)


# Only a line's opening matters to the matchers (the longest row is under 300
# characters), so longer lines are cut before folding, which costs the most.
_KEY_SPAN = 400


def _key(text: str) -> str:
    key = fold(text)
    if not key.isascii():
        for variant, common in _VARIANTS:
            if variant in key:
                key = key.replace(variant, common)
    return key


def _line_key(line: str) -> tuple[str, bool]:
    """The key of a line's opening, and whether the line is longer than that."""
    text = line.strip()
    return _opening_key(text[:_KEY_SPAN]), len(text) > _KEY_SPAN


# One line is asked about by several matchers (chrome, language, author card...) one after the
# other: the keys of the last few hundred openings are remembered. Small on purpose: it serves
# the matchers of one page, not a run (pages repeated by a benchmark find nothing left of theirs).
@functools.lru_cache(maxsize=256)
def _opening_key(opening: str) -> str:
    return _key(opening)


def _squeeze(key: str) -> str:
    """A key without spaces, for notices that sites retype with other spacing."""
    return key.replace(" ", "")


def _ascii_digits(text: str) -> str:
    """Persian, Arabic-Indic and other decimal digits as 0-9."""
    return "".join(str(unicodedata.digit(c)) if c.isdigit() and not c.isascii() else c for c in text)


def _intro_key(text: str) -> str:
    """Case and Unicode forms folded, the colon kept: "WATCH: ..." opens an intro, "Watchdogs say" prose."""
    return unicodedata.normalize("NFKC", text.strip()).casefold()


def _build():
    exact: dict[str, set[str]] = {}
    opening: dict[str, dict[str, set[str]]] = {cat: {} for cat in OPENING}
    bylines: list[str] = []
    sources: list[str] = []
    clock: list[str] = []
    intros: list[str] = []
    for lang, table in LABELS.items():
        for cat in WHOLE_LINE:
            for label in table.get(cat, ()):
                exact.setdefault(_key(label), set()).add(lang)
        for cat in OPENING:
            for s in table.get(cat, ()):
                opening[cat].setdefault(_squeeze(_key(s)), set()).add(lang)
        bylines.extend(table.get("byline", ()))
        sources.extend(table.get("source", ()))
        clock.extend(_key(s) for s in table.get("clock", ()))
        intros.extend(_intro_key(s) for s in table.get("intro", ()))
    return exact, opening, bylines, sources, tuple(clock), tuple(intros)


_EXACT, _OPENING, _BYLINE, _SOURCE, _CLOCK_WORDS, _INTROS = _build()
_PATTERN = re.compile("(?:" + "|".join(PLAYER_COUNTER if p == "PLAYER_COUNTER" else p for p in PATTERNS) + r")\s*", re.I)
_PLAYER_COUNTER = re.compile(PLAYER_COUNTER + r"\s*")
_CREDIT_PATTERN = re.compile("(?:" + "|".join((SIGN_OFF if p == "SIGN_OFF" else p).replace("NAME", _NAME)
                                               for p in CREDIT_PATTERNS) + r")\s*")
_EPISODE_DATE = re.compile("(?:" + "|".join(EPISODE_DATE) + r")\s*", re.I)
_BYLINE_PREFIX = re.compile(r"^\s*(?:" + "|".join(map(re.escape, sorted(_BYLINE, key=len, reverse=True)))
                            + r")\s*[:\-–—]?\s+", re.I)
_SOURCE_LABEL = re.compile(r"^\s*(?:" + "|".join(map(re.escape, sorted(_SOURCE, key=len, reverse=True)))
                           + r")\s*:\s*", re.I)


_OPENS = {cat: tuple(rows) for cat, rows in _OPENING.items()}
_NOTICE_OPENINGS = _OPENS["legal"] + _OPENS["notice"]  # is_chrome asks for either: one startswith


def _opens(cat: str, key: str) -> bool:
    return _squeeze(key).startswith(_OPENS[cat])


# A line longer than every whole-line label and pattern can only be chrome
# through a notice's opening words: its first few folded characters are
# compared first, which is cheap, and the whole opening only when they match.
_MAX_WHOLE = max(max(len(k) for k in _EXACT), 170)
_HEAD = 16
_HEADS = frozenset(p[:_HEAD] for cat in ("legal", "notice") for p in _OPENS[cat])
_HEAD_LENGTHS = tuple(sorted({len(h) for h in _HEADS}))


def _may_open_notice(text: str) -> bool:
    head = _squeeze(_key(text[: 3 * _HEAD]))[:_HEAD]
    return any(head[:n] in _HEADS for n in _HEAD_LENGTHS)


def is_chrome(line: str) -> bool:
    """A line (or block's text) that is page chrome in some language."""
    if len(line) > _MAX_WHOLE and not _may_open_notice(line.lstrip()):
        return False
    key, long = _line_key(line)
    if not key:
        return True
    return ((not long and key in _EXACT) or _squeeze(key).startswith(_NOTICE_OPENINGS)
            or _PATTERN.fullmatch(line.strip()) is not None)


def languages_of(line: str) -> set[str]:
    """The languages whose chrome includes this line (empty if none)."""
    key, long = _line_key(line)
    found = set() if long else set(_EXACT.get(key, ()))
    squeezed = _squeeze(key)
    for cat in ("notice", "legal"):
        for prefix, langs in _OPENING[cat].items():
            if squeezed.startswith(prefix):
                found |= langs
    return found


_BY_CATEGORY = {cat: frozenset(_key(label) for table in LABELS.values() for label in table.get(cat, ()))
                for cat in WHOLE_LINE}
_MENU_HEADINGS = frozenset(_key(h) for h in MENU_HEADINGS)


def is_label(line: str, category: str) -> bool:
    """A whole-line label of one category ("player", "widgets", ...) in some language."""
    key, long = _line_key(line)
    return not long and key in _BY_CATEGORY[category]


_END_HEADINGS = _BY_CATEGORY["widgets"] | _BY_CATEGORY["comments"]


def ends_article(line: str) -> bool:
    """A heading after which a page shows no more of its article: a widget (related stories, most
    viewed, episodes) or the comments box, whose teasers or comments follow it."""
    key, long = _line_key(line)
    return not long and key in _END_HEADINGS


_STATIC_TITLES = frozenset(_key(t) for t in STATIC_TITLES)


def is_static_title(line: str) -> bool:
    """The title of a static page of the site ("About", "Contact Us"): STATIC_TITLES."""
    return _line_key(line)[0] in _STATIC_TITLES


def is_menu_heading(line: str) -> bool:
    """A widget heading whose next line is its menu flattened to one line (MENU_HEADINGS)."""
    return _line_key(line)[0] in _MENU_HEADINGS


def is_legal(line: str) -> bool:
    """A legal notice (undesirable-organization disclaimer and its follow-ups, foreign-agent label)."""
    return _opens("legal", _line_key(line)[0])


def is_credit(line: str) -> bool:
    """A trailing attribution line such as "With reporting by Reuters"."""
    return _opens("credit", _line_key(line)[0]) or _CREDIT_PATTERN.fullmatch(line.strip()) is not None


def introduces_media(line: str) -> bool:
    """An editor's line over an embedded video ("WATCH: Senator on the vote"): the `intro` rows."""
    key = _intro_key(line[:_KEY_SPAN])
    return any(key.startswith(intro) and len(key) > len(intro) for intro in _INTROS)


def is_card_marker(line: str) -> bool:
    """The first line of an author card ("16x9 Image")."""
    return fold(line).lstrip("•·*- ") == "16x9 image"


def is_clock(line: str) -> bool:
    """The site clock ("5-Ноябрь, 2024-жыл, шейшемби, Бишкек убактысы 16:30").

    It shows when the page was saved, not when the article was written, and
    its shape is also that of a live-blog time stamp: callers should only
    treat it as chrome above the headline.
    """
    text = _ascii_digits(line.strip())
    if len(text) > _CLOCK_MAX:
        return False
    date = _DATE_LINE.fullmatch(text)
    if date and date["weekday"]:  # "Sunday, March 01, 2015": the site's date line
        return True
    if not (_TIME.search(text) and _YEAR.search(text)):
        return False
    key = _key(text)
    return any(word in key for word in _CLOCK_WORDS) or len(_WORDY.findall(text)) <= _CLOCK_MAX_WORDS


_PHOTO_CREDIT = re.compile(r"\((?:" + "|".join(map(re.escape, sorted(PHOTO_CREDITS, key=len, reverse=True)))
                           + r")(?:[/:,]\s*[^()]{0,60})?\)\.?$", re.I)
_CAPTION_DATE_END = re.compile("(?:" + "|".join(CAPTION_DATE_END) + r")$", re.I)


def ends_with_photo_credit(line: str) -> bool:
    """The line closes with a photo credit in brackets: PHOTO_CREDITS."""
    return _PHOTO_CREDIT.search(line.strip()) is not None


def ends_with_date(line: str) -> bool:
    """The line closes with a date, as photo captions do: CAPTION_DATE_END."""
    return _CAPTION_DATE_END.search(line.strip()) is not None


def is_player_counter(line: str) -> bool:
    """The player's "0:00 0:18:43 0:00" line: PLAYER_COUNTER."""
    return _PLAYER_COUNTER.fullmatch(line.strip()) is not None


def is_date_line(line: str) -> bool:
    """A date and nothing else ("27 ມັງກອນ 2008", "March 1, 2015", "Sunday, 1 mars 2015 10:20"): a page's
    date line above the headline, never a title (MONTHS give the month names)."""
    return len(line) <= _CLOCK_MAX and _DATE_LINE.fullmatch(_ascii_digits(line.strip())) is not None


def is_episode_date(line: str) -> bool:
    """The date line of an episode list entry ("June 21, 2021" after a lone "-")."""
    return _EPISODE_DATE.fullmatch(line.strip()) is not None


def strip_byline_prefix(text: str) -> str:
    """"By Jane Doe" -> "Jane Doe"; "RFE/RL" stays whole."""
    return _BYLINE_PREFIX.sub("", text, count=1).strip()


def strip_source_label(text: str | None) -> str | None:
    """"Source: Belarusian state TV, November 3" -> "Belarusian state TV, November 3": a fact-check's
    claim source detail without its label (the JSON key names what it is)."""
    if not text:
        return text
    return _SOURCE_LABEL.sub("", text, count=1).strip() or None

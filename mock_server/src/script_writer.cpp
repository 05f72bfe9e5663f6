#include "script_writer.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <string_view>
#include <utility>

#include "tiktok_aigc/api/enums.hpp"
#include "utf8.hpp"

namespace tiktok_aigc::mock {
namespace {

// ---------------------------------------------------------------------------------------
// Phrase tables
// ---------------------------------------------------------------------------------------

enum Tone { kFriendly, kConfident, kProfessional };
enum Pov { kConsumer, kBrand, kNeutral };
enum StyleKind { kQuestion, kStory, kProblem, kPromo, kHumor, kInfo, kCustomStyle, kNoStyle };

// Hand-written template phrases for one script language. Placeholders in braces ({name},
// {brand}, {price}, {point}, {points}, {desc}, {industry}, {style}, {tone}, {phrase},
// {gist}) are filled by fill(); everything else is fixed text in that language.
// Hooks, calls to action and style lines never speak as "I" or "we", so that only the
// point-of-view rows decide the pronouns. Where the language has a formal "you", the
// professional rows use it and the body rows avoid addressing the viewer at all.
struct Phrases {
  const char* code;
  const char* fallback_name;         // stands in for a missing product name
  const char* hooks[3][3];           // [Tone][variant]: the opening line
  const char* custom_tone_hooks[3];  // opening lines quoting a tone we have no rows for
  const char* ctas[3][3];            // [Tone][variant]: the call to action
  const char* intros[3][2];          // [Pov][variant]: first body sentence (30S)
  const char* points[3];             // [Pov]: every selling point in one sentence (15S)
  const char* brand[3];              // [Pov]
  const char* closing[3];            // [Pov]: last body sentence (30S)
  const char* point_first;           // selling points one by one (30S)
  const char* point_middle[3];
  const char* point_last;
  const char* point_only;
  const char* price;
  const char* description;
  const char* industry;
  const char* styles[7];  // [StyleKind], kNoStyle has no row
  const char* and_word;
  const char* titles[3];
  const char* custom_hooks[3];  // CUSTOM scripts: {phrase} is from the prompt
  const char* custom_ctas[3];
  const char* custom_titles[3];
};

const Phrases kPhrases[] = {
    {"en",
     "this product",
     {{"Friends, you have to see {name}!", "Okay, real talk: {name} is kind of amazing.",
       "Hi there! Meet your new favourite, {name}."},
      {"Stop scrolling. {name} is the one you need.",
       "Forget everything else. {name} sets the bar.", "Ready for better? Meet {name}."},
      {"Introducing {name}, designed to deliver results.", "Meet {name}: quality you can rely on.",
       "Here is what sets {name} apart."}},
     {"Let's keep it \"{tone}\": this is {name}.", "Feeling \"{tone}\"? Then meet {name}.",
      "The mood: \"{tone}\". The star: {name}."},
     {{"Go on, treat yourself and grab yours today!", "Tap the link and try it, you'll love it!",
       "Grab yours now and thank yourself later!"},
      {"Don't wait. Get {name} today.", "Tap the link and upgrade now.",
       "Get yours before it sells out."},
      {"Learn more and order {name} today.", "Visit the link below to place your order.",
       "Order now through the link below."}},
     {{"I've been using {name} for weeks, and honestly, I'm hooked.",
       "I didn't expect much, but {name} totally won me over."},
      {"We created {name} because you deserve better.",
       "We designed {name} for real life, down to the last detail."},
      {"{name} is made for people who want more from every day.",
       "Here's why everyone is talking about {name}."}},
     {"What I love most: {points}.", "We packed in {points}.", "You get {points}."},
     {"From {brand}, a brand I trust.", "We're {brand}, and we stand behind it.",
      "Made by {brand}, a name you can trust."},
     {"Honestly, I'm never going back.", "We made it for you, and we think you'll love it.",
      "It's the upgrade you didn't know you needed."},
     "First up: {point}.",
     {"Then there's {point}.", "Plus: {point}.", "On top of that: {point}."},
     "And finally: {point}.",
     "The highlight: {point}.",
     "All for just {price}.",
     "In short: {desc}",
     "A standout pick in {industry}.",
     {"Ever wondered what makes {name} different?",
      "Every great day has a story, and {name} is part of it.",
      "Tired of settling for less? {name} solves it.", "This deal won't last long.",
      "Warning: {name} may cause serious bragging.", "Here are the facts about {name}.",
      "The vibe today: \"{style}\"."},
     "and",
     {"Meet {name}", "Why {name} is worth it", "{name} in a nutshell"},
     {"Here's the deal: {phrase}.", "Ready for this: {phrase}!", "You asked for it: {phrase}."},
     {"Tap the link to find out more!", "Don't miss out, check it out today!",
      "Follow for more and try it now!"},
     {"{gist}", "All about {gist}", "{gist}: the story"}},

    {"de",
     "dieses Produkt",
     {{"Hey Leute, ihr müsst unbedingt {name} sehen!", "Mal ehrlich: {name} ist einfach genial.",
       "Hallo! Sag Hallo zu deinem neuen Liebling: {name}."},
      {"Nicht weiterscrollen. {name} ist genau das, was du brauchst.",
       "Vergiss alles andere. {name} setzt den Maßstab.", "Bereit für mehr? Das ist {name}."},
      {"Neu: {name}, entwickelt für überzeugende Ergebnisse.",
       "{name}: Qualität, auf die Sie sich verlassen können.", "Das zeichnet {name} aus."}},
     {"Heute ganz „{tone}“: das ist {name}.", "Lust auf „{tone}“? Dann lern {name} kennen.",
      "Die Stimmung: „{tone}“. Der Star: {name}."},
     {{"Gönn dir was und hol es dir noch heute!",
       "Tipp auf den Link und probier es aus, du wirst es lieben!",
       "Hol es dir jetzt, du wirst es nicht bereuen!"},
      {"Nicht warten. Hol dir {name} noch heute.", "Tipp auf den Link und steig jetzt um.",
       "Sichere es dir, bevor es ausverkauft ist."},
      {"Erfahren Sie mehr und bestellen Sie {name} noch heute.",
       "Bestellen Sie jetzt über den Link unten.",
       "Weitere Informationen finden Sie über den Link unten."}},
     {{"Ich benutze {name} seit Wochen und bin ehrlich gesagt begeistert.",
       "Ich hatte keine großen Erwartungen, aber {name} hat mich überzeugt."},
      {"Wir haben {name} entwickelt, weil Qualität für uns zählt.",
       "Wir haben {name} für den echten Alltag gemacht, bis ins letzte Detail."},
      {"{name} ist für alle, die mehr vom Alltag wollen.", "Darum reden gerade alle über {name}."}},
     {"Was ich am meisten liebe: {points}.", "Wir haben alles reingepackt: {points}.",
      "Das Beste daran: {points}."},
     {"Es ist von {brand}, einer Marke, der ich vertraue.",
      "Wir sind {brand}, und wir stehen dahinter.",
      "Ein Produkt von {brand}, einer Marke, der man vertrauen kann."},
     {"Ehrlich, ich will nichts anderes mehr.",
      "Wir haben es mit Liebe gemacht, und das merkt man.",
      "Das Upgrade, von dem man nicht wusste, dass man es braucht."},
     "Erstens: {point}.",
     {"Dazu kommt: {point}.", "Außerdem: {point}.", "Und nicht zu vergessen: {point}."},
     "Und zum Schluss: {point}.",
     "Das Highlight: {point}.",
     "Und das alles für nur {price}.",
     "Kurz gesagt: {desc}",
     "Ein Highlight im Bereich {industry}.",
     {"Was macht {name} eigentlich so besonders?",
      "Jeder gute Tag hat eine Geschichte, und {name} gehört dazu.",
      "Keine Lust mehr auf Kompromisse? {name} ist die Lösung.", "Dieses Angebot gilt nicht lange.",
      "Achtung: {name} kann zu ernsthaftem Angeben führen.", "Hier sind die Fakten zu {name}.",
      "Die Stimmung heute: „{style}“."},
     "und",
     {"Das ist {name}", "Warum sich {name} lohnt", "{name} auf einen Blick"},
     {"Das Wichtigste zuerst: {phrase}.", "Und zwar: {phrase}!", "Aufgepasst: {phrase}."},
     {"Tipp auf den Link und erfahre mehr!", "Nicht verpassen, schau es dir heute an!",
      "Folge für mehr und probier es jetzt aus!"},
     {"{gist}", "Alles über {gist}", "{gist}: die Story"}},

    {"es",
     "este producto",
     {{"¡Hola, amigos! Tienen que ver {name}.", "Hablemos claro: {name} es una maravilla.",
       "¡Hola! Saluda a tu nuevo favorito: {name}."},
      {"Deja de deslizar. {name} es lo que necesitas.",
       "Olvida todo lo demás. {name} marca la diferencia.",
       "¿Listo para algo mejor? Conoce {name}."},
      {"Llega {name}, diseñado para ofrecer resultados.",
       "{name}: calidad en la que puede confiar.", "Esto es lo que distingue a {name}."}},
     {"En tono «{tone}»: esto es {name}.", "¿Con ganas de algo «{tone}»? Conoce {name}.",
      "El ánimo: «{tone}». La estrella: {name}."},
     {{"¡Date un gusto y consigue el tuyo hoy!", "¡Toca el enlace y pruébalo, te va a encantar!",
       "¡Consíguelo ya, te lo agradecerás!"},
      {"No esperes más. Consigue {name} hoy.", "Toca el enlace y mejora ahora.",
       "Consigue el tuyo antes de que se agote."},
      {"Obtenga más información y pida {name} hoy mismo.",
       "Realice su pedido a través del enlace de abajo.", "Haga su pedido ahora desde el enlace."}},
     {{"Llevo semanas usando {name} y, sinceramente, me encanta.",
       "No esperaba mucho, pero {name} me conquistó por completo."},
      {"Creamos {name} porque la calidad nos importa.",
       "Diseñamos {name} para la vida real, hasta el último detalle."},
      {"{name} está hecho para quienes quieren más de cada día.",
       "Por esto todo el mundo habla de {name}."}},
     {"Lo que más me gusta: {points}.", "Incluimos todo: {points}.", "Lo mejor: {points}."},
     {"Es de {brand}, una marca en la que confío.", "Somos {brand} y respaldamos cada producto.",
      "De {brand}, una marca de confianza."},
     {"Sinceramente, ya no lo cambio por nada.", "Lo hicimos con cariño, y se nota.",
      "Es la mejora que faltaba."},
     "Primero: {point}.",
     {"Además: {point}.", "Y también: {point}.", "Por si fuera poco: {point}."},
     "Y por último: {point}.",
     "Lo más destacado: {point}.",
     "Todo esto por solo {price}.",
     "En pocas palabras: {desc}",
     "Una elección destacada en {industry}.",
     {"¿Qué hace que {name} sea tan diferente?",
      "Cada gran día tiene una historia, y {name} forma parte de ella.",
      "¿Cansado de conformarte? {name} es la solución.", "Esta oferta no durará mucho.",
      "Advertencia: {name} puede provocar ganas de presumir.", "Estos son los datos de {name}.",
      "El estilo de hoy: «{style}»."},
     "y",
     {"Conoce {name}", "Por qué {name} vale la pena", "{name} en pocas palabras"},
     {"Vamos al grano: {phrase}.", "Escucha esto: {phrase}.", "Atención: {phrase}."},
     {"¡Toca el enlace para saber más!", "¡No te lo pierdas, descúbrelo hoy!",
      "¡Sigue para más y pruébalo ya!"},
     {"{gist}", "Todo sobre {gist}", "{gist}: la historia"}},

    {"fr",
     "ce produit",
     {{"Coucou ! Il faut absolument que tu voies {name} !",
       "Franchement, {name} est une petite merveille.",
       "Salut ! Dis bonjour à ton nouveau coup de cœur : {name}."},
      {"Arrête de scroller. {name}, c'est ce qu'il te faut.",
       "Oublie tout le reste. {name} place la barre très haut.",
       "Prêt pour mieux ? Découvre {name}."},
      {"Voici {name}, conçu pour des résultats concrets.",
       "{name} : une qualité sur laquelle vous pouvez compter.", "Voici ce qui distingue {name}."}},
     {"Ton du jour, « {tone} » : voici {name}.", "Envie de « {tone} » ? Découvre {name}.",
      "L'ambiance : « {tone} ». La star : {name}."},
     {{"Fais-toi plaisir et commande le tien dès aujourd'hui !",
       "Clique sur le lien et essaie, tu vas adorer !",
       "Craque maintenant, tu ne le regretteras pas !"},
      {"N'attends plus. Prends {name} dès aujourd'hui.",
       "Clique sur le lien et passe à la vitesse supérieure.",
       "Prends le tien avant la rupture de stock."},
      {"Découvrez-en plus et commandez {name} dès aujourd'hui.",
       "Passez commande via le lien ci-dessous.",
       "Commandez dès maintenant grâce au lien ci-dessous."}},
     {{"J'utilise {name} depuis des semaines et, franchement, j'adore.",
       "Je n'attendais pas grand-chose, mais {name} a dépassé toutes mes attentes."},
      {"Nous avons créé {name} parce que la qualité compte pour nous.",
       "Nous avons conçu {name} pour la vraie vie, jusqu'au moindre détail."},
      {"{name} est fait pour celles et ceux qui en veulent plus au quotidien.",
       "Voici pourquoi tout le monde parle de {name}."}},
     {"Ce que je préfère : {points}.", "Nous y avons mis le meilleur : {points}.",
      "Au programme : {points}."},
     {"C'est signé {brand}, une marque en qui j'ai confiance.",
      "Nous sommes {brand}, et nous en sommes fiers.", "Signé {brand}, une marque de confiance."},
     {"Franchement, je ne peux plus m'en passer.", "Nous l'avons fait avec soin, et ça se voit.",
      "C'est l'upgrade qui manquait."},
     "D'abord : {point}.",
     {"Ensuite : {point}.", "En plus : {point}.", "Sans oublier : {point}."},
     "Et enfin : {point}.",
     "Le point fort : {point}.",
     "Le tout pour seulement {price}.",
     "En bref : {desc}",
     "Un incontournable dans la catégorie {industry}.",
     {"Qu'est-ce qui rend {name} si différent ?",
      "Chaque belle journée a son histoire, et {name} en fait partie.",
      "Marre des compromis ? {name} est la solution.", "Cette offre ne durera pas.",
      "Attention : {name} peut provoquer une jalousie soudaine.", "Voici les faits sur {name}.",
      "L'ambiance du jour : « {style} »."},
     "et",
     {"Voici {name}", "Pourquoi {name} vaut le coup", "{name} en bref"},
     {"Allons droit au but : {phrase}.", "Attention : {phrase} !", "Écoutez bien : {phrase}."},
     {"Clique sur le lien pour en savoir plus !", "Ne rate pas ça, découvre-le aujourd'hui !",
      "Abonne-toi pour la suite et essaie dès maintenant !"},
     {"{gist}", "Tout sur {gist}", "{gist} : l'histoire"}},

    {"id",
     "produk ini",
     {{"Hai semua, kalian wajib lihat {name}!", "Jujur deh, {name} ini keren banget.",
       "Halo! Kenalan yuk sama favorit barumu, {name}."},
      {"Berhenti scroll. {name} adalah yang kamu butuhkan.",
       "Lupakan yang lain. {name} jadi standarnya.", "Siap untuk yang lebih baik? Inilah {name}."},
      {"Memperkenalkan {name}, dirancang untuk hasil terbaik.",
       "{name}: kualitas yang dapat Anda andalkan.", "Inilah yang membuat {name} berbeda."}},
     {"Dengan nada \"{tone}\": inilah {name}.", "Lagi mood \"{tone}\"? Kenalan sama {name}.",
      "Suasananya \"{tone}\", bintangnya {name}."},
     {{"Yuk, manjakan dirimu dan dapatkan sekarang!", "Klik link-nya dan coba, kamu pasti suka!",
       "Ambil sekarang, kamu nggak akan nyesel!"},
      {"Jangan tunggu lagi. Dapatkan {name} hari ini.", "Klik link-nya dan upgrade sekarang.",
       "Dapatkan sebelum kehabisan."},
      {"Pelajari lebih lanjut dan pesan {name} hari ini.", "Silakan pesan melalui tautan di bawah.",
       "Pesan sekarang melalui tautan di bawah ini."}},
     {{"Aku sudah pakai {name} berminggu-minggu, dan jujur, aku ketagihan.",
       "Awalnya aku nggak berharap banyak, tapi {name} bikin aku jatuh cinta."},
      {"Kami menciptakan {name} karena kualitas itu penting bagi kami.",
       "Kami merancang {name} untuk kehidupan nyata, sampai detail terkecil."},
      {"{name} dibuat untuk mereka yang ingin lebih setiap hari.",
       "Ini alasan semua orang membicarakan {name}."}},
     {"Yang paling aku suka: {points}.", "Kami hadirkan {points}.", "Keunggulannya: {points}."},
     {"Ini dari {brand}, merek yang aku percaya.",
      "Kami adalah {brand}, dan kami menjamin kualitasnya.",
      "Dari {brand}, merek yang bisa dipercaya."},
     {"Jujur, aku nggak mau ganti lagi.", "Kami membuatnya dengan sepenuh hati.",
      "Inilah upgrade yang selama ini dicari."},
     "Pertama: {point}.",
     {"Lalu ada {point}.", "Plus: {point}.", "Selain itu: {point}."},
     "Dan terakhir: {point}.",
     "Yang paling menonjol: {point}.",
     "Semua ini hanya {price}.",
     "Singkatnya: {desc}",
     "Pilihan unggulan di kategori {industry}.",
     {"Apa sih yang bikin {name} beda?",
      "Setiap hari yang seru punya cerita, dan {name} ada di dalamnya.",
      "Capek berkompromi? {name} solusinya.", "Promo ini nggak akan lama.",
      "Awas: {name} bisa bikin kamu pamer terus.", "Ini fakta tentang {name}.",
      "Suasananya hari ini: \"{style}\"."},
     "dan",
     {"Kenalan dengan {name}", "Kenapa {name} layak dicoba", "{name} dalam sekejap"},
     {"Langsung saja: {phrase}.", "Siap-siap: {phrase}!", "Dengar baik-baik: {phrase}."},
     {"Klik link-nya untuk info lebih lanjut!", "Jangan sampai ketinggalan, cek sekarang!",
      "Follow untuk info lainnya dan coba sekarang!"},
     {"{gist}", "Semua tentang {gist}", "{gist}: ceritanya"}},

    // Malay (Malaysia). The API calls it "ml"; it is not Malayalam.
    {"ml",
     "produk ini",
     {{"Hai semua, anda mesti tengok {name}!", "Terus terang, {name} ni memang hebat.",
       "Helo! Kenali kegemaran baharu anda, {name}."},
      {"Berhenti skrol. {name} ialah apa yang anda perlukan.",
       "Lupakan yang lain. {name} penanda arasnya.", "Sedia untuk yang lebih baik? Inilah {name}."},
      {"Memperkenalkan {name}, direka untuk hasil yang terbaik.",
       "{name}: kualiti yang boleh anda harapkan.", "Inilah yang menjadikan {name} istimewa."}},
     {"Dengan nada \"{tone}\": inilah {name}.", "Rasa \"{tone}\" hari ini? Kenali {name}.",
      "Suasananya \"{tone}\", bintangnya {name}."},
     {{"Jom, manjakan diri dan dapatkan sekarang!", "Tekan pautan dan cuba, anda pasti suka!",
       "Dapatkan sekarang, anda takkan menyesal!"},
      {"Jangan tunggu lagi. Dapatkan {name} hari ini.", "Tekan pautan dan naik taraf sekarang.",
       "Dapatkan sebelum kehabisan stok."},
      {"Ketahui lebih lanjut dan tempah {name} hari ini.",
       "Sila buat tempahan melalui pautan di bawah.", "Tempah sekarang melalui pautan di bawah."}},
     {{"Saya dah guna {name} berminggu-minggu, dan jujur, saya ketagih.",
       "Pada mulanya saya tak berharap banyak, tapi {name} buat saya jatuh cinta."},
      {"Kami mencipta {name} kerana kualiti penting bagi kami.",
       "Kami mereka {name} untuk kehidupan sebenar, hingga ke butiran terkecil."},
      {"{name} dicipta untuk mereka yang mahukan lebih setiap hari.",
       "Inilah sebabnya semua orang bercakap tentang {name}."}},
     {"Yang paling saya suka: {points}.", "Kami sediakan {points}.", "Kelebihannya: {points}."},
     {"Ia daripada {brand}, jenama yang saya percayai.",
      "Kami ialah {brand}, dan kami menjamin kualitinya.",
      "Daripada {brand}, jenama yang boleh dipercayai."},
     {"Jujur, saya takkan tukar lagi.", "Kami membuatnya dengan sepenuh hati.",
      "Inilah naik taraf yang anda perlukan."},
     "Pertama: {point}.",
     {"Kemudian, {point}.", "Tambahan pula: {point}.", "Selain itu: {point}."},
     "Dan akhir sekali: {point}.",
     "Yang paling menonjol: {point}.",
     "Semuanya pada harga {price} sahaja.",
     "Ringkasnya: {desc}",
     "Pilihan utama dalam kategori {industry}.",
     {"Apa yang membuatkan {name} berbeza?",
      "Setiap hari yang indah ada ceritanya, dan {name} sebahagian daripadanya.",
      "Penat berkompromi? {name} penyelesaiannya.", "Tawaran ini tidak lama.",
      "Amaran: {name} boleh buat anda asyik menunjuk-nunjuk.", "Ini fakta tentang {name}.",
      "Suasana hari ini: \"{style}\"."},
     "dan",
     {"Kenali {name}", "Kenapa {name} berbaloi", "{name} secara ringkas"},
     {"Terus kepada intinya: {phrase}.", "Bersedia: {phrase}!", "Dengar baik-baik: {phrase}."},
     {"Tekan pautan untuk maklumat lanjut!", "Jangan lepaskan peluang, lihat hari ini!",
      "Ikuti untuk lagi dan cuba sekarang!"},
     {"{gist}", "Semua tentang {gist}", "{gist}: kisahnya"}},

    {"vi",
     "sản phẩm này",
     {{"Chào cả nhà, nhất định phải xem {name}!", "Nói thật nhé, {name} đỉnh lắm luôn.",
       "Xin chào! Làm quen với món yêu thích mới của bạn: {name}."},
      {"Đừng lướt nữa. {name} chính là thứ bạn cần.",
       "Quên hết những thứ khác đi. {name} là chuẩn mực mới.",
       "Sẵn sàng cho điều tốt hơn? Đây là {name}."},
      {"Giới thiệu {name}, được thiết kế để mang lại hiệu quả.",
       "{name}: chất lượng mà quý khách có thể tin tưởng.",
       "Đây là điều làm nên sự khác biệt của {name}."}},
     {"Với giọng điệu \"{tone}\": đây là {name}.", "Đang muốn \"{tone}\"? Hãy làm quen với {name}.",
      "Không khí: \"{tone}\". Ngôi sao: {name}."},
     {{"Tự thưởng cho bản thân và sắm ngay hôm nay nhé!",
       "Bấm vào link và thử ngay, bạn sẽ mê cho xem!", "Sắm ngay thôi, bạn sẽ không hối hận đâu!"},
      {"Đừng chần chừ. Sở hữu {name} ngay hôm nay.", "Bấm vào link và nâng cấp ngay.",
       "Nhanh tay kẻo hết hàng."},
      {"Tìm hiểu thêm và đặt mua {name} ngay hôm nay.",
       "Quý khách vui lòng đặt hàng qua đường link bên dưới.",
       "Đặt hàng ngay qua đường link bên dưới."}},
     {{"Mình đã dùng {name} mấy tuần nay, và thật lòng là mình mê luôn.",
       "Lúc đầu mình không kỳ vọng nhiều, nhưng {name} đã chinh phục mình hoàn toàn."},
      {"Chúng tôi tạo ra {name} vì chất lượng là điều chúng tôi coi trọng.",
       "Chúng tôi thiết kế {name} cho cuộc sống thực, đến từng chi tiết nhỏ."},
      {"{name} dành cho những ai muốn nhiều hơn mỗi ngày.",
       "Đây là lý do ai cũng nhắc đến {name}."}},
     {"Điều mình thích nhất: {points}.", "Chúng tôi mang đến {points}.", "Điểm nổi bật: {points}."},
     {"Sản phẩm của {brand}, thương hiệu mình tin tưởng.",
      "Chúng tôi là {brand}, và chúng tôi cam kết chất lượng.",
      "Đến từ {brand}, thương hiệu đáng tin cậy."},
     {"Thật lòng, mình sẽ không đổi sang loại khác nữa.", "Chúng tôi làm ra nó bằng cả tấm lòng.",
      "Đây chính là bản nâng cấp đáng chờ đợi."},
     "Đầu tiên: {point}.",
     {"Tiếp theo: {point}.", "Thêm nữa: {point}.", "Ngoài ra: {point}."},
     "Và cuối cùng: {point}.",
     "Điểm nhấn: {point}.",
     "Tất cả chỉ với {price}.",
     "Tóm lại: {desc}",
     "Lựa chọn nổi bật trong ngành {industry}.",
     {"Điều gì làm {name} khác biệt?",
      "Mỗi ngày tuyệt vời đều có một câu chuyện, và {name} là một phần trong đó.",
      "Mệt mỏi vì phải chấp nhận? {name} chính là giải pháp.", "Ưu đãi này sẽ không kéo dài lâu.",
      "Cảnh báo: {name} có thể khiến bạn khoe suốt ngày.", "Đây là những điều cần biết về {name}.",
      "Phong cách hôm nay: \"{style}\"."},
     "và",
     {"Gặp gỡ {name}", "Vì sao {name} đáng thử", "Tóm tắt về {name}"},
     {"Vào thẳng vấn đề: {phrase}.", "Chuẩn bị nhé: {phrase}!", "Nghe kỹ nhé: {phrase}."},
     {"Bấm vào link để tìm hiểu thêm!", "Đừng bỏ lỡ, xem ngay hôm nay!",
      "Theo dõi để xem thêm và thử ngay nhé!"},
     {"{gist}", "Tất cả về {gist}", "{gist}: câu chuyện"}},
};

// Length limits, in characters (code points), for what goes into a script or a title.
constexpr std::size_t kMaxTitleChars = 60;
constexpr std::size_t kMaxNameChars = 80;  // a 300-character name would swamp the script
constexpr std::size_t kMaxPointChars = 80;
constexpr std::size_t kMaxQuotedChars = 40;  // custom tone, style, industry
constexpr std::size_t kMaxSentenceChars = 200;

// ---------------------------------------------------------------------------------------
// UTF-8 and text helpers
// ---------------------------------------------------------------------------------------

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Valid UTF-8, control characters and runs of white space turned into single spaces,
// trimmed: script lines are separated by '\n', so inputs must not bring their own.
std::string clean(std::string_view in) {
  const std::string valid = to_valid_utf8(in);
  std::string out;
  out.reserve(valid.size());
  bool pending_space = false;
  for (const char ch : valid) {
    const auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c == 0x7F) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += ch;
  }
  return out;
}

// Byte offset of code point number `chars` (or the size, if there are fewer).
std::size_t offset_of_char(std::string_view s, std::size_t chars) {
  std::size_t seen = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (is_continuation(static_cast<unsigned char>(s[i]))) continue;
    if (seen == chars) return i;
    ++seen;
  }
  return s.size();
}

bool is_trailing_junk(char c) { return c == ' ' || c == ',' || c == ';' || c == ':' || c == '-'; }

// Strips spaces and the sentence punctuation the templates add themselves.
std::string strip_end_punctuation(std::string s) {
  while (!s.empty() &&
         (is_trailing_junk(s.back()) || s.back() == '.' || s.back() == '!' || s.back() == '?'))
    s.pop_back();
  return s;
}

// Shortens valid UTF-8 text to at most `max_chars` code points, ending in "…". Cuts only
// between code points, and at a space when one is close to the limit.
std::string truncate_chars(const std::string& s, std::size_t max_chars) {
  if (utf8_length(s) <= max_chars) return s;
  std::string head = s.substr(0, offset_of_char(s, max_chars - 1));
  const std::size_t space = head.rfind(' ');
  if (space != std::string::npos && space >= head.size() * 2 / 3) head.resize(space);
  while (!head.empty() && is_trailing_junk(head.back())) head.pop_back();
  return head + "…";
}

std::vector<std::string> split_words(const std::string& s) {
  std::vector<std::string> words;
  std::size_t start = 0;
  while (start < s.size()) {
    std::size_t end = s.find(' ', start);
    if (end == std::string::npos) end = s.size();
    if (end > start) words.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

// At most `max_words` words (and kMaxSentenceChars characters) of cleaned text.
std::string truncate_words(const std::string& s, std::size_t max_words) {
  const std::vector<std::string> words = split_words(s);
  std::string out;
  for (std::size_t i = 0; i < words.size() && i < max_words; ++i) {
    if (i > 0) out += ' ';
    out += words[i];
  }
  if (words.size() > max_words) out = strip_end_punctuation(out) + "…";
  return truncate_chars(out, kMaxSentenceChars);
}

bool ends_sentence(const std::string& s) {
  static constexpr std::string_view kEnds[] = {".", "!", "?", "…", "。", "！", "？"};
  for (const std::string_view end : kEnds)
    if (s.size() >= end.size() && s.compare(s.size() - end.size(), end.size(), end) == 0)
      return true;
  return false;
}

std::string with_full_stop(std::string s) {
  if (!s.empty() && !ends_sentence(s)) s += '.';
  return s;
}

// Upper-cases a leading ASCII letter (prompt fragments that now start a sentence).
std::string capitalized(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

// Splits text into sentences at . ! ? ; (and their CJK forms), keeping the end mark.
std::vector<std::string> split_sentences(const std::string& text) {
  static constexpr std::string_view kEnds[] = {". ", "! ", "? ", "; ", "。", "！", "？"};
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t best = std::string::npos, best_len = 0;
    for (const std::string_view end : kEnds) {
      const std::size_t at = text.find(end, start);
      if (at < best) {
        best = at;
        best_len = end.size();
      }
    }
    std::size_t stop = best == std::string::npos ? text.size() : best + best_len;
    std::string sentence = clean(text.substr(start, stop - start));
    if (!sentence.empty() && sentence.back() == ';') sentence.back() = '.';
    if (!sentence.empty()) out.push_back(sentence);
    start = stop;
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Templates
// ---------------------------------------------------------------------------------------

struct Vars {
  std::string name, brand, price, point, points, desc, industry, style, tone, phrase, gist;
};

// Replaces {key} placeholders in one pass, so braces inside the values stay as they are.
std::string fill(std::string_view tmpl, const Vars& v) {
  const std::pair<std::string_view, const std::string*> keys[] = {
      {"name", &v.name},     {"brand", &v.brand},   {"price", &v.price},       {"point", &v.point},
      {"points", &v.points}, {"desc", &v.desc},     {"industry", &v.industry}, {"style", &v.style},
      {"tone", &v.tone},     {"phrase", &v.phrase}, {"gist", &v.gist}};
  std::string out;
  std::size_t i = 0;
  while (i < tmpl.size()) {
    const std::size_t open = tmpl.find('{', i);
    if (open == std::string_view::npos) break;
    const std::size_t close = tmpl.find('}', open);
    if (close == std::string_view::npos) break;
    out.append(tmpl.substr(i, open - i));
    const std::string_view key = tmpl.substr(open + 1, close - open - 1);
    const std::string* value = nullptr;
    for (const auto& [k, val] : keys)
      if (k == key) value = val;
    if (value != nullptr)
      out += *value;
    else
      out.append(tmpl.substr(open, close - open + 1));
    i = close + 1;
  }
  out.append(tmpl.substr(i));
  return out;
}

// Fills a title template, shortening `field` (name or gist) so the title fits.
std::string fit_title(std::string_view tmpl, Vars v, std::string Vars::*field) {
  const std::string full = v.*field;
  v.*field = "";
  const std::size_t overhead = utf8_length(fill(tmpl, v));
  const std::size_t room = overhead + 12 < kMaxTitleChars ? kMaxTitleChars - overhead : 12;
  v.*field = truncate_chars(full, room);
  return truncate_chars(fill(tmpl, v), kMaxTitleChars);
}

std::string join_list(const std::vector<std::string>& items, const char* and_word) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? std::string(" ") + and_word + " " : ", ";
    out += items[i];
  }
  return out;
}

// Joins the non-empty sentences of one script line.
std::string line(std::initializer_list<std::string> sentences) {
  std::string out;
  for (const std::string& s : sentences) {
    if (s.empty()) continue;
    if (!out.empty()) out += ' ';
    out += s;
  }
  return out;
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) {
    if (l.empty()) continue;
    if (!out.empty()) out += '\n';
    out += l;
  }
  // A shortened value ("…") followed by a template's full stop.
  for (std::size_t at = out.find("…."); at != std::string::npos; at = out.find("….", at))
    out.erase(at + std::string_view("…").size(), 1);
  return out;
}

// ---------------------------------------------------------------------------------------
// Reading the brief
// ---------------------------------------------------------------------------------------

const Phrases& phrases_for(const std::string& language) {
  std::string code = lower_ascii(clean(language));
  if (code == "ms") code = "ml";  // Malay's ISO code, in case a caller uses it
  for (const Phrases& p : kPhrases)
    if (code == p.code) return p;
  return kPhrases[0];
}

// A "two decimals" price as the request gave it, e.g. "12.98 USD". The decimal point is
// kept in every language so the number reads as it was sent.
std::string format_price(const std::optional<double>& price, const std::string& currency) {
  if (!price || !std::isfinite(*price) || *price < 0) return "";
  const int size = std::snprintf(nullptr, 0, "%.2f", *price);
  std::string number(static_cast<std::size_t>(size) + 1, '\0');
  std::snprintf(number.data(), number.size(), "%.2f", *price);
  number.resize(static_cast<std::size_t>(size));
  std::string code;
  for (const char c : clean(currency))
    if (((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) && code.size() < 8)
      code += static_cast<char>(c >= 'a' ? c - 'a' + 'A' : c);
  return number + " " + (code.empty() ? "USD" : code);
}

struct ToneChoice {
  Tone tone;
  std::string custom;  // the tone's own text when it is not one we have rows for
};

ToneChoice read_tone(const std::string& text, std::uint64_t rotation) {
  const std::string t = lower_ascii(text);
  if (t == "friendly") return {kFriendly, ""};
  if (t == "confident") return {kConfident, ""};
  if (t == "professional") return {kProfessional, ""};
  const auto rotated = static_cast<Tone>(rotation % 3);
  if (t.empty() || t == "all") return {rotated, ""};  // any tone will do: vary it
  return {rotated, truncate_chars(text, kMaxQuotedChars)};
}

Pov read_pov(const std::string& text, std::uint64_t rotation) {
  const std::string p = lower_ascii(text);
  if (p == "from consumer") return kConsumer;
  if (p == "from brand") return kBrand;
  if (p == "all") return static_cast<Pov>(rotation % 3);
  // Custom points of view: take the speaker they name, if any.
  for (const char* word : {"consumer", "customer", "user", "buyer", "shopper", "first person"})
    if (contains(p, word)) return kConsumer;
  for (const char* word : {"brand", "company", "seller", "founder", "business", "store"})
    if (contains(p, word)) return kBrand;
  return kNeutral;
}

StyleKind read_style(const std::string& text) {
  const std::string s = lower_ascii(text);
  if (s.empty()) return kNoStyle;
  if (s == "engaging questions" || s == "engagement" || s == "challenges") return kQuestion;
  if (s == "personal stories" || s == "emotional appeal" || s == "unique experiences")
    return kStory;
  if (s == "problem solving" || s == "comparisons") return kProblem;
  if (s == "promotions") return kPromo;
  if (s == "humor" || s == "humour") return kHumor;
  if (s == "recommended" || s == "informative" || s == "authority and trust" ||
      s == "product focused" || s == "lists and inspiration" || s == "community" || s == "all")
    return kInfo;
  return kCustomStyle;
}

// The part of a description worth saying aloud: its first sentence, at most max_words.
std::string description_gist(const std::string& description, std::size_t max_words) {
  const std::vector<std::string> sentences = split_sentences(description);
  if (sentences.empty()) return "";
  return with_full_stop(truncate_words(sentences.front(), max_words));
}

// Which variant of each phrase a script uses. Hook and call to action come from one
// combined number, index + an rng offset, so that the (up to 8) scripts of one task drawn
// with the same offset get 8 different hook/CTA pairs out of 9.
struct Choices {
  std::size_t hook, cta, title, intro, point_offset;
  std::uint64_t tone_rotation, pov_rotation;  // used when any tone / point of view will do
};

Choices choose(int index, std::mt19937_64& rng) {
  // Always draw the same number of values, whatever the brief, so the rng state a caller
  // ends with depends only on how many scripts it wrote.
  const std::uint64_t r_combo = rng(), r_rotation = rng(), r_title = rng(), r_misc = rng();
  const auto i = static_cast<std::uint64_t>(index < 0 ? 0 : index);
  const std::uint64_t combo = (r_combo + i) % 9;
  Choices c{};
  c.hook = static_cast<std::size_t>(combo % 3);
  c.cta = static_cast<std::size_t>(combo / 3);
  c.title = static_cast<std::size_t>((r_title + i) % 3);
  c.intro = static_cast<std::size_t>((r_misc + i) % 2);
  c.point_offset = static_cast<std::size_t>((r_misc >> 8) % 3);
  c.tone_rotation = r_rotation % 3 + i;
  c.pov_rotation = (r_rotation >> 8) % 3 + i;
  return c;
}

// ---------------------------------------------------------------------------------------
// The two kinds of script
// ---------------------------------------------------------------------------------------

WrittenScript write_product(const ScriptBrief& b, const Phrases& p, const Choices& c) {
  std::vector<std::string> points;
  for (const std::string& raw : b.selling_points) {
    std::string point = truncate_chars(strip_end_punctuation(clean(raw)), kMaxPointChars);
    if (!point.empty()) points.push_back(point);
  }
  const std::string description = clean(b.description);

  Vars v;
  v.name = truncate_chars(clean(b.product_name), kMaxNameChars);
  v.brand = truncate_chars(clean(b.brand), kMaxNameChars);
  if (v.name.empty()) v.name = v.brand;  // PRODUCT requires a name; be safe anyway
  if (v.name.empty()) v.name = truncate_words(strip_end_punctuation(description), 6);
  if (v.name.empty()) v.name = p.fallback_name;
  v.price = format_price(b.price, b.currency);
  v.points = join_list(points, p.and_word);
  v.style = truncate_chars(clean(b.style), kMaxQuotedChars);
  v.industry = truncate_chars(clean(b.relevant_industry), kMaxQuotedChars);

  const ToneChoice tone = read_tone(clean(b.tone), c.tone_rotation);
  v.tone = tone.custom;
  const Pov pov = read_pov(clean(b.point_of_view), c.pov_rotation);
  const StyleKind style = read_style(v.style);

  // No duration given: the writer recommends one, 30S when there is much to say.
  const std::string duration = clean(b.video_duration);
  bool long_form = points.size() >= 3 || split_words(description).size() >= 15;
  if (duration == api::enums::video_duration::k30Seconds) long_form = true;
  if (duration == api::enums::video_duration::k15Seconds) long_form = false;

  const std::string hook =
      fill(tone.custom.empty() ? p.hooks[tone.tone][c.hook] : p.custom_tone_hooks[c.hook], v);
  const std::string cta = fill(p.ctas[tone.tone][c.cta], v);
  const std::string brand = v.brand.empty() || v.brand == v.name ? "" : fill(p.brand[pov], v);
  const std::string style_line = style == kNoStyle ? "" : fill(p.styles[style], v);
  const std::string price = v.price.empty() ? "" : fill(p.price, v);

  std::vector<std::string> lines{hook};
  if (!long_form) {
    // 15 seconds: hook, the selling points in one breath, the price, the call to action.
    std::string body;
    if (!points.empty()) {
      body = fill(p.points[pov], v);
    } else if (!description.empty()) {
      v.desc = description_gist(description, 12);
      body = fill(p.description, v);
    } else {
      body = fill(p.intros[pov][c.intro], v);  // nothing else to say: introduce it
    }
    lines.push_back(line({body, brand}));
    lines.push_back(line({style_line, price}));
  } else {
    // 30 seconds: a point-of-view opening, the description, each selling point in turn.
    v.desc = description_gist(description, 20);
    lines.push_back(
        line({fill(p.intros[pov][c.intro], v), v.desc.empty() ? "" : fill(p.description, v)}));
    std::string point_line;
    for (std::size_t i = 0; i < points.size(); ++i) {
      v.point = points[i];
      const char* tmpl = points.size() == 1       ? p.point_only
                         : i == 0                 ? p.point_first
                         : i + 1 == points.size() ? p.point_last
                                                  : p.point_middle[(i - 1 + c.point_offset) % 3];
      point_line = line({point_line, fill(tmpl, v)});
    }
    lines.push_back(point_line);
    const bool has_industry = !v.industry.empty() && lower_ascii(v.industry) != "all";
    lines.push_back(line({brand, style_line, has_industry ? fill(p.industry, v) : ""}));
    lines.push_back(line({price, fill(p.closing[pov], v)}));
  }
  lines.push_back(cta);

  return {fit_title(p.titles[c.title], v, &Vars::name), join_lines(lines)};
}

// Drops the request framing of a prompt sentence ("Write a fun script about X" -> "X",
// "Mention free shipping" -> "free shipping"); a sentence that is only framing ("Make it
// funny") gives "". The prompt is documented as English, so the words are English.
std::string prompt_content(const std::string& sentence) {
  const std::vector<std::string> words = split_words(sentence);
  if (words.empty()) return "";
  const std::string first = lower_ascii(words[0]);
  const std::string first_two = words.size() > 1 ? first + " " + lower_ascii(words[1]) : first;
  static const char* const kFraming[] = {"write",   "create", "make",    "generate",
                                         "produce", "draft",  "please",  "give me",
                                         "i want",  "i need", "can you", "could you"};
  static const char* const kContent[] = {"mention",   "highlight", "include", "emphasize",
                                         "emphasise", "stress",    "show",    "feature",
                                         "promote",   "showcase",  "say",     "add"};
  static const char* const kTopicWords[] = {
      "about", "for", "on", "promoting", "featuring", "introducing", "showcasing", "highlighting"};
  auto rest_after = [&](std::size_t from) {
    std::string out;
    for (std::size_t i = from; i < words.size(); ++i) out += (out.empty() ? "" : " ") + words[i];
    return out;
  };
  for (const char* verb : kContent)
    if (first == verb) return rest_after(1);
  if (first_two == "focus on" || first_two == "talk about") return rest_after(2);
  bool framing = false;
  for (const char* verb : kFraming) framing = framing || first == verb || first_two == verb;
  if (!framing) return sentence;
  for (std::size_t i = 1; i < words.size() && i < 12; ++i)
    for (const char* topic : kTopicWords)
      if (lower_ascii(words[i]) == topic) return rest_after(i + 1);
  return "";
}

WrittenScript write_custom(const ScriptBrief& b, const Phrases& p, const Choices& c) {
  const std::string prompt = clean(b.custom_prompt);
  std::vector<std::string> phrases;  // the prompt's content, sentence by sentence
  for (const std::string& sentence : split_sentences(prompt)) {
    std::string content = prompt_content(sentence);
    if (utf8_length(strip_end_punctuation(content)) >= 3) phrases.push_back(content);
  }
  if (phrases.empty() && !prompt.empty()) phrases.push_back(prompt);

  Vars v;
  v.name = truncate_chars(clean(b.product_name), kMaxNameChars);
  if (phrases.empty()) {
    // An empty prompt is refused by the API; still write something sensible.
    return write_product(b, p, c);
  }

  // The body retells the prompt's content, up to about 30 seconds of speech.
  constexpr std::size_t kBodyWords = 70;
  std::size_t words_used = 0;
  std::string body;
  for (const std::string& phrase : phrases) {
    if (words_used >= kBodyWords) break;
    const std::string sentence =
        with_full_stop(capitalized(truncate_words(phrase, kBodyWords - words_used)));
    words_used += split_words(sentence).size();
    body = line({body, sentence});
  }

  // The hook highlights one of the prompt's phrases, a different one for each index.
  v.phrase = truncate_words(phrases[(c.point_offset + c.hook + c.cta * 3) % phrases.size()], 12);
  v.phrase = strip_end_punctuation(v.phrase);
  v.gist = strip_end_punctuation(truncate_words(phrases.front(), 8));

  const std::string title =
      capitalized(v.name.empty() ? fit_title(p.custom_titles[c.title], v, &Vars::gist)
                                 : fit_title(p.titles[c.title], v, &Vars::name));
  return {title,
          join_lines({fill(p.custom_hooks[c.hook], v), body, fill(p.custom_ctas[c.cta], v)})};
}

}  // namespace

WrittenScript write_script(const ScriptBrief& brief, int index, std::mt19937_64& rng) {
  const Choices choices = choose(index, rng);
  const Phrases& phrases = phrases_for(brief.language);
  return brief.custom ? write_custom(brief, phrases, choices)
                      : write_product(brief, phrases, choices);
}

}  // namespace tiktok_aigc::mock
